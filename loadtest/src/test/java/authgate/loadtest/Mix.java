package authgate.loadtest;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shares of logins, refreshes and profile reads in PeakMixSimulation, parsed from weights such as
 * {@code login:10,refresh:30,me:60}. Weights need not add up to 100: each share is its weight divided by the
 * sum. An operation left out gets weight 0.
 */
public record Mix(double login, double refresh, double me) {

  /** The operations that a weight can name, spelled as in the property. */
  public enum Operation { LOGIN, REFRESH, ME }

  public static Mix parse(String key, String text) {
    Map<Operation, Double> weights = new EnumMap<>(Operation.class);
    for (String part : text.split(",")) {
      String[] nameAndWeight = part.trim().split(":");
      if (nameAndWeight.length != 2) {
        throw LoadTestConfig.invalid(key, text, "operation:weight pairs such as login:10,refresh:30,me:60");
      }
      Operation operation = operation(key, text, nameAndWeight[0].trim());
      double weight = weight(key, text, nameAndWeight[1].trim());
      if (weights.put(operation, weight) != null) {
        throw LoadTestConfig.invalid(key, text, "each of login, refresh and me at most once");
      }
    }

    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    if (total == 0) {
      throw LoadTestConfig.invalid(key, text, "at least one weight above 0");
    }
    return new Mix(weights.getOrDefault(Operation.LOGIN, 0.0) / total,
        weights.getOrDefault(Operation.REFRESH, 0.0) / total,
        weights.getOrDefault(Operation.ME, 0.0) / total);
  }

  private static Operation operation(String key, String text, String name) {
    try {
      return Operation.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw LoadTestConfig.invalid(key, text, "operations named login, refresh or me, not '" + name + "'");
    }
  }

  private static double weight(String key, String text, String value) {
    try {
      double weight = Double.parseDouble(value);
      if (weight >= 0 && Double.isFinite(weight)) {
        return weight;
      }
    } catch (NumberFormatException e) {
      // Reported below together with the negative case.
    }
    throw LoadTestConfig.invalid(key, text, "weights that are numbers, 0 or more, not '" + value + "'");
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "login %.0f%%, refresh %.0f%%, me %.0f%%", login * 100, refresh * 100, me * 100);
  }
}
