import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.config.Config;
import io.steward.db.Db;
import java.nio.file.Files;
import java.time.LocalDateTime;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The cost of checking every write against the columns' limits: the same UPDATE, INSERT and
 * SELECT through the node's DSLContext (with the check) and through one without it, on the same
 * pool, alternating rounds so both see the same JIT and cache state. Run with bench/column-limits-bench.sh.
 */
public class ColumnLimitsBench {
    public static void main(String[] args) throws Exception {
        var dir = Files.createTempDirectory("steward-bench");
        try (Db db = Db.open(Config.empty(), dir)) {
            db.migrate();
            DSLContext checked = db.dsl();
            DSLContext plain = DSL.using(db.pool(), db.dialect(),
                    new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withExecuteLogging(false));
            var t = table(name("ticket_department"));
            var id = field(name("id"), Long.class);
            var desc = field(name("description"), String.class);
            var now = LocalDateTime.now();
            long dept = checked.insertInto(t).set(field(name("name"), String.class), "Bench").set(field(name("email"), String.class), "b@example.com")
                    .set(field(name("created_at"), LocalDateTime.class), now).set(field(name("updated_at"), LocalDateTime.class), now)
                    .returningResult(id).fetchOne().value1();
            int n = Integer.parseInt(System.getenv().getOrDefault("BENCH_N", "20000"));
            double[][] best = {{Double.MAX_VALUE, Double.MAX_VALUE}, {Double.MAX_VALUE, Double.MAX_VALUE}};
            for (int round = 0; round < 10; round++) {
                for (var ctx : new DSLContext[] {plain, checked}) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) ctx.update(t).set(desc, "text " + i).where(id.eq(dept)).execute();
                    long t1 = System.nanoTime();
                    for (int i = 0; i < n; i++) ctx.select(desc).from(t).where(id.eq(dept)).fetchOne();
                    long t2 = System.nanoTime();
                    if (round > 0) {
                        int k = ctx == plain ? 0 : 1;
                        best[k][0] = Math.min(best[k][0], (t1 - t0) / 1e3 / n);
                        best[k][1] = Math.min(best[k][1], (t2 - t1) / 1e3 / n);
                        System.out.printf("round %d %-8s update %6.2f us  select %6.2f us%n", round, k == 0 ? "plain" : "checked",
                                (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n);
                    }
                }
            }
            // The best round of each: the least disturbed by other work on the machine.
            System.out.printf("best     plain    update %6.2f us  select %6.2f us%n", best[0][0], best[0][1]);
            System.out.printf("best     checked  update %6.2f us  select %6.2f us%n", best[1][0], best[1][1]);
        }
    }
}
