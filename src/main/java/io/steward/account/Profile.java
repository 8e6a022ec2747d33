package io.steward.account;

/**
 * The registration details shared by a client account and its contacts, field for field as the
 * references name them ({@code type} is Private or Company).
 */
public record Profile(String email, String firstname, String lastname, String companyname, String address1,
                      String address2, String city, String state, String postcode, String country,
                      String phonenumber, String type, String mobilephone, boolean ripetech, boolean ripeadmin,
                      String ripeperson, String riperole) {

    public static Profile blank(String email) {
        return new Profile(email, "", "", "", "", "", "", "", "", "", "", "Private", "", false, false, "", "");
    }
}
