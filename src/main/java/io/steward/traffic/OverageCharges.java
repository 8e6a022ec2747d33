package io.steward.traffic;

import io.steward.billing.InvoiceDraft;
import io.steward.engine.UsageCharges;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bandwidth overage on renewal invoices. A renewal issued on date D charges the overage of the
 * service's last billing period that ended before D (usage is billed in arrears, once a period is
 * complete): {@code (used GB - quota GB) × the product's price per GB}, one line of type
 * {@value #LINE_TYPE} billing that usage period, so billing's unique key (service, period start,
 * type) charges each period once however often the run repeats. The amount is exact here; billing
 * rounds the line once, HALF_UP.
 */
final class OverageCharges implements UsageCharges {
    static final String LINE_TYPE = "Bandwidth";

    private final Bandwidth bandwidth;
    private final ProductBandwidth products;

    OverageCharges(Bandwidth bandwidth, ProductBandwidth products) {
        this.bandwidth = bandwidth;
        this.products = products;
    }

    @Override
    public List<InvoiceDraft.Line> linesFor(List<Renewal> renewals) {
        var terms = products.of(renewals.stream().map(r -> r.service().productId()).filter(Objects::nonNull).distinct().toList());
        var lines = new ArrayList<InvoiceDraft.Line>();
        // A run catching up two periods of one service may land on one usage period twice: one line for it.
        var seen = new java.util.HashSet<String>();
        for (Renewal r : renewals) {
            var t = r.service().productId() == null ? null : terms.get(r.service().productId());
            if (t == null || !t.hasQuota() || t.overagePricePerGb().signum() == 0) continue;
            var period = Periods.lastCompletedBefore(r.service(), r.issueOn());
            if (!seen.add(r.service().id() + "/" + period.start())) continue;
            var f = bandwidth.figures(r.service(), period);
            if (!f.overage().charged()) continue;
            String what = "Bandwidth overage " + Overage.format(f.overage().overGb()) + " GB x "
                    + t.overagePricePerGb().stripTrailingZeros().toPlainString() + " " + r.service().currency() + "/GB ("
                    + period.start() + " - " + period.end() + ")";
            lines.add(InvoiceDraft.Line.forService(LINE_TYPE, r.service().id(), what, f.overage().amount(), true, period.start(),
                    period.end()));
        }
        return lines;
    }
}
