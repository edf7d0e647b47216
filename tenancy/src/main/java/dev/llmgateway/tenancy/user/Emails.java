package dev.llmgateway.tenancy.user;

import dev.llmgateway.tenancy.TenancyException;
import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses: trimmed, lower-cased, and of a plausible form. */
final class Emails {

    private static final Pattern FORM = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    private Emails() {
    }

    static String normalise(String email, String field) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (e.length() > 320 || !FORM.matcher(e).matches()) {
            throw TenancyException.invalid(field, "'" + field + "' must be an e-mail address such as ada@example.com.");
        }
        return e;
    }
}
