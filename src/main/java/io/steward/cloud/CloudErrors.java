package io.steward.cloud;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.service.module.CloudVms;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver failures on calls a client waits for, mapped once: a busy VM is 409, a refusal 422, a
 * hypervisor that cannot be reached or fails 502 with a message that names no internals (the
 * driver's own words go to the log for staff). Never a 500.
 */
final class CloudErrors {
    private static final Logger LOG = LoggerFactory.getLogger(CloudErrors.class);

    private CloudErrors() {}

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (CloudVms.VmNotFound e) {
            throw StewardException.notFound("Virtual server not found on the hypervisor");
        } catch (CloudVms.Busy e) {
            throw StewardException.conflict("The virtual server is busy; try again shortly");
        } catch (CloudVms.Rejected e) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, "The hypervisor refused the request: " + e.getMessage());
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("cloud: hypervisor call failed: {}", e.toString());
            throw new StewardException(ErrorCode.BAD_GATEWAY, "The hypervisor could not be reached; try again later");
        }
    }
}
