package dev.authgate.login;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalises usernames and email addresses for lookup: NFKC, then case folding, so that {@code ＡＬＩＣＥ},
 * {@code Alice} and {@code alice} find the same account. The loader applies the same function when it
 * writes the indexes.
 */
public final class LoginNames {

  private LoginNames() {}

  public static String normalise(String name) {
    String composed = Normalizer.normalize(name.strip(), Normalizer.Form.NFKC);
    // Upper then lower case folds the characters whose lower-case mapping alone differs (such as the final sigma).
    String folded = composed.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    return Normalizer.normalize(folded, Normalizer.Form.NFKC);
  }

  /** Returns true when the login name is an email address, which is looked up in the email index. */
  public static boolean isEmail(String normalisedName) {
    return normalisedName.indexOf('@') > 0;
  }
}
