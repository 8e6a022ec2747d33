package io.steward.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every write is checked against its columns' limits before it reaches the database. */
class ColumnLimitsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long firstDepartment() {
        return server.http().get("/admin/api/departments", Auth.admin()).json().at("/departments/0/id").asLong();
    }

    @Test
    void a_department_description_longer_than_its_column_is_refused_with_422_naming_the_field() {
        long id = firstDepartment();
        Res res = server.http().put("/admin/api/departments/" + id, Auth.admin(), Body.json(Map.of("description", "d".repeat(70_000))));
        assertThat(res.status()).as("%s", res).isEqualTo(422);
        assertThat(res.json().at("/fields/description/0").asText()).isEqualTo("description must be at most 500 characters");
        // Nothing was written, and a value that fits still is.
        Res fits = server.http().put("/admin/api/departments/" + id, Auth.admin(), Body.json(Map.of("description", "d".repeat(500))));
        assertThat(fits.status()).as("%s", fits).isEqualTo(200);
    }

    @Test
    void inserts_and_updates_of_any_table_are_checked_in_one_place() {
        Db db = server.steward().db();
        var t = table(name("ticket_department"));
        var description = field(name("description"), String.class);
        var name = field(name("name"), String.class);
        assertThatThrownBy(() -> db.dsl().update(t).set(description, "x".repeat(501)).where(field(name("id"), Long.class).eq(-1L)).execute())
                .isInstanceOfSatisfying(StewardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNPROCESSABLE);
                    assertThat(e.fields()).containsOnlyKeys("description");
                });
        assertThatThrownBy(() -> db.dsl().insertInto(t).set(name, "n".repeat(101)).execute())
                .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.fields()).containsOnlyKeys("name"));
        assertThatThrownBy(() -> db.dsl().update(t).set(description, "nul \0 inside").where(field(name("id"), Long.class).eq(-1L)).execute())
                .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.messages()).containsExactly("description must not contain NUL characters"));
    }

    @Test
    void numbers_beyond_their_columns_range_are_refused() {
        Db db = server.steward().db();
        var plans = table(name("affiliate_plan"));
        var value = field(name("commission_value"), BigDecimal.class);
        var hold = field(name("hold_days"), Long.class);
        var id = field(name("id"), Long.class);
        // NUMERIC(19,4) holds 15 integer digits.
        assertThatThrownBy(() -> db.dsl().update(plans).set(value, new BigDecimal("1" + "0".repeat(15))).where(id.eq(-1L)).execute())
                .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.fields()).containsOnlyKeys("commission_value"));
        assertThat(db.dsl().update(plans).set(value, new BigDecimal("999999999999999.9999")).where(id.eq(-1L)).execute()).isZero();
        assertThatThrownBy(() -> db.dsl().update(plans).set(hold, 1L + Integer.MAX_VALUE).where(id.eq(-1L)).execute())
                .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.messages()).containsExactly("hold_days is out of range"));
    }

    @Test
    void a_field_named_otherwise_than_its_column_is_reported_by_its_api_name() {
        Db db = server.steward().db();
        db.columnLimits().alias("ticket_department", "sort_order", "order");
        var t = table(name("ticket_department"));
        assertThatThrownBy(() -> db.dsl().update(t).set(field(name("sort_order"), Long.class), Long.MAX_VALUE)
                .where(field(name("id"), Long.class).eq(-1L)).execute())
                .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.fields()).containsOnlyKeys("order"));
    }
}
