package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.core.Json;
import org.junit.jupiter.api.Test;

/** The hand-written snapshot JSON is the text Jackson writes for the record, and reads back the same. */
class ClientSnapshotJsonTest {

    @Test
    void writes_what_jackson_writes() {
        var plain = new ClientSnapshot(7, "a@example.com", "Ann", "Lee", "", "1 Main St", "", "Portland", "Oregon", "97201", "US",
                "+1.5035550100", "");
        var awkward = new ClientSnapshot(Long.MAX_VALUE, "q\"uote@example.com", "Back\\slash", "Tab\there", "Line\nbreak\r\n",
                "Bell\u0007 and \u001f", "\b\f", "Zürich", "Ελλάδα", "東京", "😀", null, "</script>");
        for (var s : new ClientSnapshot[] {plain, awkward}) {
            assertThat(s.json()).isEqualTo(Json.text(s));
            assertThat(ClientSnapshot.parse(s.json())).isEqualTo(s.phonenumber() == null
                    ? new ClientSnapshot(s.id(), s.email(), s.firstname(), s.lastname(), s.companyname(), s.address1(), s.address2(),
                            s.city(), s.state(), s.postcode(), s.country(), "", s.vatNumber())
                    : s);
        }
    }
}
