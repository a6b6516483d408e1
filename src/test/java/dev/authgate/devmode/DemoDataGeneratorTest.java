package dev.authgate.devmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authgate.password.Argon2Parameters;
import dev.authgate.password.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed demo files are complete, consistent with each other, and what the generator writes. */
class DemoDataGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CURRENT_HASH =
      Pattern.compile("\\$argon2id\\$v=19\\$m=7168,t=5,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");

  static List<JsonNode> records;
  static Map<String, String[]> csvByUsername;
  static List<String> csvOrder;

  @BeforeAll
  static void readCommittedFiles() throws Exception {
    records = new ArrayList<>();
    for (String line : Files.readAllLines(DemoDataGenerator.JSONL, StandardCharsets.UTF_8)) {
      records.add(JSON.readTree(line));
    }
    List<String> csv = Files.readAllLines(DemoDataGenerator.CSV, StandardCharsets.UTF_8);
    assertEquals("username,password,email", csv.get(0));
    csvByUsername = new HashMap<>();
    csvOrder = new ArrayList<>();
    for (String row : csv.subList(1, csv.size())) {
      String[] fields = row.split(",", -1);
      assertEquals(3, fields.length, row);
      csvByUsername.put(fields[0], fields);
      csvOrder.add(fields[0]);
    }
  }

  @Test
  void namedUsersHaveTheDocumentedValues() {
    JsonNode alice = byUsername("alice");
    assertEquals("u-alice", alice.get("id").asText());
    assertEquals("alice@example.com", alice.get("email").asText());
    assertEquals("active", alice.get("status").asText());
    assertEquals(List.of("customer"), strings(alice.get("roles")));
    assertEquals(List.of("accounts:read", "payments:create", "profile:read"), strings(alice.get("permissions")));

    JsonNode bob = byUsername("bob");
    assertEquals("u-bob", bob.get("id").asText());
    assertEquals("bob@example.com", bob.get("email").asText());
    assertEquals(List.of("customer", "premium"), strings(bob.get("roles")));
    assertEquals(List.of("accounts:read", "payments:create", "profile:read", "investments:read"),
        strings(bob.get("permissions")));

    JsonNode carol = byUsername("carol");
    assertEquals("u-carol", carol.get("id").asText());
    assertEquals("carol@example.com", carol.get("email").asText());
    assertEquals(List.of("viewer"), strings(carol.get("roles")));
    assertEquals(List.of("accounts:read"), strings(carol.get("permissions")));

    JsonNode dave = byUsername("dave");
    assertEquals("u-dave", dave.get("id").asText());
    assertEquals("dave@example.com", dave.get("email").asText());
    assertEquals("locked", dave.get("status").asText());
    assertEquals(List.of("customer"), strings(dave.get("roles")));

    assertEquals("wonderland-42", csvByUsername.get("alice")[1]);
    assertEquals("builder-42", csvByUsername.get("bob")[1]);
    assertEquals("carol-demo-42", csvByUsername.get("carol")[1]);
    assertEquals("dave-demo-42", csvByUsername.get("dave")[1]);
  }

  @Test
  void everyRecordIsComplete() {
    assertTrue(records.size() >= 1004, "records: " + records.size());
    Set<String> ids = new HashSet<>();
    Set<String> usernames = new HashSet<>();
    Set<String> emails = new HashSet<>();
    Set<String> segments = new HashSet<>();
    for (JsonNode user : records) {
      String id = user.get("id").asText();
      assertTrue(ids.add(id), id);
      assertTrue(usernames.add(user.get("username").asText()), id);
      assertTrue(emails.add(user.get("email").asText()), id);
      assertTrue(user.get("email").asText().matches("[a-z0-9.]+@example\\.(com|org|net)"), id);
      assertTrue(CURRENT_HASH.matcher(user.get("password_hash").asText()).matches(), id);
      assertTrue(Set.of("active", "locked", "disabled").contains(user.get("status").asText()), id);
      assertFalse(user.get("roles").isEmpty(), id);
      assertFalse(user.get("permissions").isEmpty(), id);
      JsonNode profile = user.get("profile");
      for (String field : List.of("display_name", "given_name", "family_name", "segment", "locale", "created_at")) {
        assertFalse(profile.path(field).asText().isBlank(), id + " " + field);
      }
      segments.add(profile.get("segment").asText());
      int wishes = profile.get("wish_list").size();
      int purchases = profile.get("recent_purchases").size();
      assertTrue(wishes >= 3, id + " wish list size " + wishes);
      assertTrue(wishes <= 8, id + " wish list size " + wishes);
      assertTrue(purchases >= 5, id + " purchases " + purchases);
      assertTrue(purchases <= 20, id + " purchases " + purchases);
      JsonNode wish = profile.get("wish_list").get(0);
      assertTrue(wish.has("product_name"), id + " wish product_name");
      assertTrue(wish.get("price").isNumber(), id + " wish price");
      assertTrue(wish.has("currency"), id + " wish currency");
      JsonNode purchase = profile.get("recent_purchases").get(0);
      assertTrue(purchase.has("date"), id + " purchase date");
      assertTrue(purchase.has("merchant"), id + " purchase merchant");
      assertTrue(purchase.get("amount").isNumber(), id + " purchase amount");
      assertTrue(purchase.has("currency"), id + " purchase currency");
      String[] csv = csvByUsername.get(user.get("username").asText());
      assertEquals(user.get("email").asText(), csv[2], id);
    }
    assertEquals(Set.of("retail", "premium", "private", "business"), segments);
    assertEquals("u-000001", records.get(4).get("id").asText());
    assertEquals(records.size(), csvByUsername.size());
    for (String username : csvOrder.subList(4, csvOrder.size())) {
      assertTrue(csvByUsername.get(username)[1].matches("[A-Za-z0-9]{14}"), username);
    }
  }

  @Test
  void passwordsVerifyAgainstTheCommittedHashes() {
    PasswordHasher hasher = PasswordHasher.createDefault();
    // The named users and a few generated ones (each verify costs ~11 ms).
    for (int i : new int[] {0, 1, 2, 3, 4, 500, records.size() - 1}) {
      JsonNode user = records.get(i);
      String password = csvByUsername.get(user.get("username").asText())[1];
      assertTrue(hasher.verify(user.get("password_hash").asText(), password), user.get("id").asText());
      assertFalse(hasher.needsRehash(user.get("password_hash").asText()));
    }
    assertFalse(hasher.verify(byUsername("alice").get("password_hash").asText(), "builder-42"));
  }

  @Test
  void generatorIsDeterministicAndMatchesTheCommittedFiles() throws Exception {
    int customers = records.size() - 4;
    List<DemoDataGenerator.DemoUser> users = DemoDataGenerator.generate(customers);
    assertEquals(Files.readString(DemoDataGenerator.CSV, StandardCharsets.UTF_8), DemoDataGenerator.csv(users));
    // Hash only the first user; the rest of each line must match byte for byte.
    PasswordHasher hasher = PasswordHasher.create(PasswordHasher.Engine.JAVA, Argon2Parameters.DEFAULT);
    List<String> committedHashes = records.stream().map(r -> r.get("password_hash").asText()).toList();
    assertEquals(committedHashes.get(0), hasher.hashWithSalt(users.get(0).password(), users.get(0).salt()));
    assertEquals(Files.readString(DemoDataGenerator.JSONL, StandardCharsets.UTF_8),
        DemoDataGenerator.jsonLines(users, committedHashes));
  }

  private static JsonNode byUsername(String username) {
    return records.stream().filter(r -> r.get("username").asText().equals(username)).findFirst().orElseThrow();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
