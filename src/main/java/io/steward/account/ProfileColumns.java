package io.steward.account;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;

/** The profile columns the {@code client} and {@code contact} tables share, and their mapping. */
final class ProfileColumns {
    static final Field<String> EMAIL = field(name("email"), String.class);
    static final Field<String> FIRSTNAME = field(name("firstname"), String.class);
    static final Field<String> LASTNAME = field(name("lastname"), String.class);
    static final Field<String> COMPANYNAME = field(name("companyname"), String.class);
    static final Field<String> ADDRESS1 = field(name("address1"), String.class);
    static final Field<String> ADDRESS2 = field(name("address2"), String.class);
    static final Field<String> CITY = field(name("city"), String.class);
    static final Field<String> STATE = field(name("state"), String.class);
    static final Field<String> POSTCODE = field(name("postcode"), String.class);
    static final Field<String> COUNTRY = field(name("country"), String.class);
    static final Field<String> PHONENUMBER = field(name("phonenumber"), String.class);
    static final Field<String> ACCOUNT_TYPE = field(name("account_type"), String.class);
    static final Field<String> MOBILEPHONE = field(name("mobilephone"), String.class);
    static final Field<Boolean> RIPETECH = field(name("ripetech"), Boolean.class);
    static final Field<Boolean> RIPEADMIN = field(name("ripeadmin"), Boolean.class);
    static final Field<String> RIPEPERSON = field(name("ripeperson"), String.class);
    static final Field<String> RIPEROLE = field(name("riperole"), String.class);

    static final Field<?>[] ALL = {EMAIL, FIRSTNAME, LASTNAME, COMPANYNAME, ADDRESS1, ADDRESS2, CITY, STATE, POSTCODE,
            COUNTRY, PHONENUMBER, ACCOUNT_TYPE, MOBILEPHONE, RIPETECH, RIPEADMIN, RIPEPERSON, RIPEROLE};

    private ProfileColumns() {}

    static Profile read(Record r) {
        return new Profile(r.get(EMAIL), r.get(FIRSTNAME), r.get(LASTNAME), r.get(COMPANYNAME), r.get(ADDRESS1),
                r.get(ADDRESS2), r.get(CITY), r.get(STATE), r.get(POSTCODE), r.get(COUNTRY), r.get(PHONENUMBER),
                r.get(ACCOUNT_TYPE), r.get(MOBILEPHONE), Boolean.TRUE.equals(r.get(RIPETECH)),
                Boolean.TRUE.equals(r.get(RIPEADMIN)), r.get(RIPEPERSON), r.get(RIPEROLE));
    }

    static Map<Field<?>, Object> values(Profile p) {
        var m = new LinkedHashMap<Field<?>, Object>();
        m.put(EMAIL, p.email());
        m.put(FIRSTNAME, p.firstname());
        m.put(LASTNAME, p.lastname());
        m.put(COMPANYNAME, p.companyname());
        m.put(ADDRESS1, p.address1());
        m.put(ADDRESS2, p.address2());
        m.put(CITY, p.city());
        m.put(STATE, p.state());
        m.put(POSTCODE, p.postcode());
        m.put(COUNTRY, p.country());
        m.put(PHONENUMBER, p.phonenumber());
        m.put(ACCOUNT_TYPE, p.type());
        m.put(MOBILEPHONE, p.mobilephone());
        m.put(RIPETECH, p.ripetech());
        m.put(RIPEADMIN, p.ripeadmin());
        m.put(RIPEPERSON, p.ripeperson());
        m.put(RIPEROLE, p.riperole());
        return m;
    }
}
