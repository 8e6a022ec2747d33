package io.steward.order;

/**
 * Orders as they are placed, for features that follow them (affiliates attribute the client).
 * Called inside the order's transaction once its invoice is issued, so what a listener writes
 * commits or rolls back with the order; a listener that throws undoes the order, so listeners
 * ignore what they cannot use rather than refuse it.
 */
public interface OrderListener {
    /**
     * @param clientWasNew the client had no paid (Active) order before this one
     */
    void orderPlaced(Order order, boolean clientWasNew);

    /**
     * A Pending service was created for one ordered unit of a product, configured as {@code priced}
     * (the options chosen): features that keep the service's configuration record it.
     */
    default void serviceOrdered(long serviceId, io.steward.catalog.PricedConfiguration priced) {}
}
