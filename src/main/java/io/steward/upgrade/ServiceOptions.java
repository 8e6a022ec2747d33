package io.steward.upgrade;

import java.util.List;

/**
 * The configurable options a service holds now (as ordered, or as the last applied upgrade left
 * them), for features that act on them, such as the cloud's resource limits. Read-only; the
 * upgrade feature owns where they are kept.
 */
public interface ServiceOptions {

    /**
     * One chosen option: its form, the value as ordered (item id, number, "1" or text), the units
     * it counts (the number of a quantity or slider, else 1) and the chosen item's module value.
     */
    record Chosen(long formId, String formName, String value, int units, String moduleValue) {}

    /** The service's chosen options with a non-zero value, in form id order; none for an unknown service. */
    List<Chosen> chosen(long serviceId);
}
