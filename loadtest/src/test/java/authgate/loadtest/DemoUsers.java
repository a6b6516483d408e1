package authgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.csv;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo users that a development-mode gateway seeds, read from {@code usersFile} (columns
 * {@code username,password,email}) without the accounts named in {@code excludeUsers}. Each simulation turns
 * the records into a queue or circular feeder, depending on whether it may log in as the same user twice.
 */
final class DemoUsers {

  private DemoUsers() {}

  static List<Map<String, Object>> records() {
    String file = LoadTestConfig.usersFile();
    Set<String> excluded = LoadTestConfig.excludedUsers();
    List<Map<String, Object>> all = csv(file).readRecords();
    if (!all.isEmpty() && !(all.get(0).containsKey("username") && all.get(0).containsKey("password"))) {
      throw new IllegalStateException("The users file " + file + " has the columns " + all.get(0).keySet()
          + "; expected a header line with username and password.");
    }

    List<Map<String, Object>> selected = all.stream()
        .filter(user -> !excluded.contains(String.valueOf(user.get("username"))))
        .toList();
    if (selected.isEmpty()) {
      throw new IllegalStateException("The users file " + file + " has no user left after excluding "
          + excluded + "; check -DusersFile and -DexcludeUsers.");
    }
    return selected;
  }
}
