package dev.authgate.devmode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authgate.password.Argon2Parameters;
import dev.authgate.password.PasswordHasher;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes the development-mode demo data: {@code conf/demo-profiles.jsonl} (one user record per line, the
 * shape {@code dev.authgate.profile.UserDocuments} reads) and {@code loadtest/src/test/resources/demo-users.csv}
 * ({@code username,password,email}, the Gatling feeder). Both files are committed; re-run this after changing
 * it, from the project root:
 * <pre>
 * mvn -q compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *     -Dexec.mainClass=dev.authgate.devmode.DemoDataGenerator [-Dexec.args="1000 ."]
 * # or, from a built jar:
 * java -cp target/authgate.jar dev.authgate.devmode.DemoDataGenerator [customers] [project-root]
 * </pre>
 * Arguments: number of generated customers (default {@value #DEFAULT_CUSTOMERS}) and the project root (default
 * the working directory).
 *
 * <p>The output is byte-for-byte reproducible: all data, passwords and Argon2 salts come from one
 * {@link Random} with the fixed seed {@value #SEED}, dates are relative to the fixed {@link #REFERENCE_DATE}, and
 * amounts use only basic double arithmetic (bit-exact on every JVM) and {@link BigDecimal}, never
 * {@code Math.pow} or {@code Double.toString}, so any JDK writes the same bytes; {@code DemoDataGeneratorTest} fails when the committed files and the generator disagree.
 * Deterministic salts are acceptable only because these are public demo accounts whose passwords are in the
 * CSV anyway; real hashes always come from {@link PasswordHasher#hash(String)}.
 *
 * <p>Contents: four named users with fixed values that the README and tests use ({@code alice}
 * {@code wonderland-42}, {@code bob} {@code builder-42}, {@code carol} {@code carol-demo-42} with only
 * {@code accounts:read}, and {@code dave} {@code dave-demo-42}, locked), then customers {@code u-000001}... with
 * international names, a segment (retail, premium, private, business) from which roles and permissions follow,
 * a locale and its currency, a wish list and recent purchases. Every generated customer is {@code active}
 * (the load test logs in as all of them); the locked case is {@code dave}. Each user has its own random
 * 14-character password and its own Argon2id hash at {@link Argon2Parameters#DEFAULT}; hashing runs on one
 * thread per core (about 7 s for 1,004 users on 2 idle cores with libsodium).
 */
public final class DemoDataGenerator {

  public static final long SEED = 20261204L;
  public static final int DEFAULT_CUSTOMERS = 1000;
  /** The data set's "today": purchase dates and account ages are relative to it, so output does not drift. */
  public static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 12, 1);

  static final Path JSONL = Path.of("conf", "demo-profiles.jsonl");
  static final Path CSV = Path.of("loadtest", "src", "test", "resources", "demo-users.csv");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One user: everything in the JSON line except the hash, plus the clear-text password and the salt. */
  record DemoUser(String id, String username, String email, String password, byte[] salt, String status,
      List<String> roles, List<String> permissions, ObjectNode profile) {}

  private DemoDataGenerator() {}

  public static void main(String[] args) throws Exception {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CUSTOMERS;
    Path root = Path.of(args.length > 1 ? args[1] : ".");
    long start = System.nanoTime();
    PasswordHasher hasher = PasswordHasher.create(PasswordHasher.Engine.AUTO, Argon2Parameters.DEFAULT);
    List<DemoUser> users = generate(customers);
    int threads = Runtime.getRuntime().availableProcessors();
    List<String> hashes = hashAll(users, hasher, threads);
    for (int i = 0; i < 4; i++) { // the named users: cheap sanity check of the whole path
      if (!hasher.verify(hashes.get(i), users.get(i).password())) {
        throw new IllegalStateException("hash of " + users.get(i).username() + " does not verify");
      }
    }
    write(root.resolve(JSONL), jsonLines(users, hashes));
    write(root.resolve(CSV), csv(users));
    System.out.printf("Wrote %d users to %s and %s in %.1f s (%s, %d threads)%n", users.size(),
        root.resolve(JSONL), root.resolve(CSV), (System.nanoTime() - start) / 1e9, hasher.engineName(), threads);
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** The four named users followed by {@code customers} generated ones; deterministic, no hashing. */
  static List<DemoUser> generate(int customers) {
    Random rng = new Random(SEED);
    List<DemoUser> users = new ArrayList<>();
    Set<String> usernames = new HashSet<>(List.of("alice", "bob", "carol", "dave"));

    users.add(named(rng, "u-alice", "alice", "wonderland-42", "alice@example.com", "active",
        List.of("customer"), Segment.RETAIL.permissions, "Alice", "Liddell", "retail", "en-GB",
        "2019-05-04T10:15:00Z"));
    users.add(named(rng, "u-bob", "bob", "builder-42", "bob@example.com", "active",
        List.of("customer", "premium"), Segment.PREMIUM.permissions, "Bob", "Builder", "premium", "en-GB",
        "2018-09-12T08:30:00Z"));
    users.add(named(rng, "u-carol", "carol", "carol-demo-42", "carol@example.com", "active",
        List.of("viewer"), List.of("accounts:read"), "Carol", "Whitfield", "retail", "en-US",
        "2021-02-20T16:45:00Z"));
    users.add(named(rng, "u-dave", "dave", "dave-demo-42", "dave@example.com", "locked",
        List.of("customer"), Segment.RETAIL.permissions, "Dave", "Mendel", "retail", "en-IE",
        "2020-11-03T12:00:00Z"));

    for (int n = 1; n <= customers; n++) {
      Region region = pick(rng, REGIONS);
      String given = pick(rng, region.given);
      String family = pick(rng, region.family);
      String locale = pick(rng, region.locales);
      Segment segment = Segment.pick(rng);
      String username = uniqueUsername(rng, usernames, given, family);
      String email = username + "@" + pick(rng, EMAIL_DOMAINS);
      long maxAgeDays = ChronoUnit.DAYS.between(LocalDate.of(2012, 1, 1), REFERENCE_DATE) - 120;
      Instant created = REFERENCE_DATE.atStartOfDay().toInstant(ZoneOffset.UTC)
          .minus(120 + (long) (rng.nextDouble() * maxAgeDays), ChronoUnit.DAYS)
          .plusSeconds(rng.nextInt(86_400));
      ObjectNode profile = profile(rng, given, family, segment.id, locale, created.toString());
      users.add(new DemoUser(String.format(Locale.ROOT, "u-%06d", n), username, email, password(rng),
          salt(rng), "active", segment.roles, segment.permissions, profile));
    }
    return users;
  }

  private static DemoUser named(Random rng, String id, String username, String password, String email,
      String status, List<String> roles, List<String> permissions, String given, String family, String segment,
      String locale, String createdAt) {
    return new DemoUser(id, username, email, password, salt(rng), status, roles, permissions,
        profile(rng, given, family, segment, locale, createdAt));
  }

  /** Argon2id hashes of all users, in order, computed on {@code threads} threads. */
  static List<String> hashAll(List<DemoUser> users, PasswordHasher hasher, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (DemoUser user : users) {
        futures.add(pool.submit(() -> hasher.hashWithSalt(user.password(), user.salt())));
      }
      List<String> hashes = new ArrayList<>();
      for (Future<String> future : futures) {
        hashes.add(future.get());
      }
      return hashes;
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  static String jsonLines(List<DemoUser> users, List<String> hashes) throws IOException {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < users.size(); i++) {
      DemoUser user = users.get(i);
      ObjectNode line = JSON.createObjectNode();
      line.put("id", user.id());
      line.put("username", user.username());
      line.put("email", user.email());
      line.put("password_hash", hashes.get(i));
      line.put("status", user.status());
      user.roles().forEach(line.putArray("roles")::add);
      user.permissions().forEach(line.putArray("permissions")::add);
      line.set("profile", user.profile());
      out.append(JSON.writeValueAsString(line)).append('\n');
    }
    return out.toString();
  }

  static String csv(List<DemoUser> users) {
    StringBuilder out = new StringBuilder("username,password,email\n");
    for (DemoUser user : users) {
      // Usernames, passwords and emails here contain no comma, quote or newline, so no quoting is needed.
      out.append(user.username()).append(',').append(user.password()).append(',').append(user.email())
          .append('\n');
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Profiles

  private static ObjectNode profile(Random rng, String given, String family, String segment, String locale,
      String createdAt) {
    String currency = CURRENCY_BY_LOCALE.get(locale);
    ObjectNode profile = JSON.createObjectNode();
    profile.put("display_name", given + " " + family);
    profile.put("given_name", given);
    profile.put("family_name", family);
    profile.put("segment", segment);
    profile.put("locale", locale);
    profile.put("created_at", createdAt);

    ArrayNode wishList = profile.putArray("wish_list");
    List<Product> products = new ArrayList<>(PRODUCTS);
    Collections.shuffle(products, rng);
    for (Product product : products.subList(0, 3 + rng.nextInt(6))) {
      BigDecimal eur = new BigDecimal(product.eur * (0.92 + 0.16 * rng.nextDouble()));
      wishList.addObject()
          .put("product_name", product.name)
          .put("price", shelfPrice(eur, currency))
          .put("currency", currency);
    }

    int purchaseCount = 5 + rng.nextInt(16);
    List<LocalDate> dates = new ArrayList<>();
    for (int i = 0; i < purchaseCount; i++) {
      dates.add(REFERENCE_DATE.minusDays(1 + rng.nextInt(90)));
    }
    dates.sort(Collections.reverseOrder());
    ArrayNode purchases = profile.putArray("recent_purchases");
    for (LocalDate date : dates) {
      MerchantCategory category = pick(rng, MERCHANTS);
      double skew = rng.nextDouble();
      double eur = category.minEur + (category.maxEur - category.minEur) * skew * skew; // mostly small amounts
      purchases.addObject()
          .put("date", date.toString())
          .put("merchant", pick(rng, category.merchants))
          .put("amount", convert(new BigDecimal(eur), currency))
          .put("currency", currency);
    }
    return profile;
  }

  /** Converts EUR to {@code currency} at the currency's usual number of decimals. */
  private static BigDecimal convert(BigDecimal eur, String currency) {
    BigDecimal amount = eur.multiply(EUR_RATES.get(currency));
    return amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
  }

  /** A price as a shop would show it: x.99 for two-decimal currencies, round tens/hundreds otherwise. */
  private static BigDecimal shelfPrice(BigDecimal eur, String currency) {
    BigDecimal amount = eur.multiply(EUR_RATES.get(currency));
    if (Currency.getInstance(currency).getDefaultFractionDigits() == 0 || amount.compareTo(BigDecimal.valueOf(5000)) > 0) {
      BigDecimal step = amount.compareTo(BigDecimal.valueOf(10_000)) > 0 ? BigDecimal.valueOf(100) : BigDecimal.TEN;
      BigDecimal rounded = amount.divide(step, 0, RoundingMode.HALF_UP).multiply(step);
      return rounded.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
    }
    return amount.setScale(0, RoundingMode.HALF_UP).subtract(new BigDecimal("0.01")).max(new BigDecimal("0.99"));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Names, usernames, passwords

  private static String uniqueUsername(Random rng, Set<String> taken, String given, String family) {
    String base = ascii(given) + "." + ascii(family);
    for (int attempt = 0; ; attempt++) {
      int number = attempt < 50 ? 10 + rng.nextInt(90) : 100 + rng.nextInt(900);
      String candidate = base + number;
      if (taken.add(candidate)) {
        return candidate;
      }
    }
  }

  /** Lower-case ASCII letters only: strips accents and folds letters that have no decomposition. */
  static String ascii(String name) {
    String folded = name.toLowerCase(Locale.ROOT)
        .replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("å", "a").replace("œ", "oe")
        .replace("ł", "l").replace("đ", "d").replace("ı", "i").replace("þ", "th");
    String stripped = Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return stripped.replaceAll("[^a-z]", "");
  }

  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /** 14 letters and digits with at least one upper-case letter, one lower-case letter and one digit. */
  private static String password(Random rng) {
    while (true) {
      char[] chars = new char[14];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = PASSWORD_ALPHABET[rng.nextInt(PASSWORD_ALPHABET.length)];
      }
      String password = new String(chars);
      if (password.chars().anyMatch(Character::isUpperCase) && password.chars().anyMatch(Character::isLowerCase)
          && password.chars().anyMatch(Character::isDigit)) {
        return password;
      }
    }
  }

  private static byte[] salt(Random rng) {
    byte[] salt = new byte[16];
    rng.nextBytes(salt);
    return salt;
  }

  private static <T> T pick(Random rng, List<T> items) {
    return items.get(rng.nextInt(items.size()));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reference data (all names, products and merchants are made up for this file)

  enum Segment {
    RETAIL("retail", 62, List.of("customer"), List.of("accounts:read", "payments:create", "profile:read")),
    PREMIUM("premium", 22, List.of("customer", "premium"),
        List.of("accounts:read", "payments:create", "profile:read", "investments:read")),
    PRIVATE("private", 6, List.of("customer", "premium", "private"),
        List.of("accounts:read", "payments:create", "profile:read", "investments:read", "investments:trade",
            "advisor:contact")),
    BUSINESS("business", 10, List.of("customer", "business"),
        List.of("accounts:read", "payments:create", "profile:read", "payments:approve", "statements:export"));

    final String id;
    final int percent;
    final List<String> roles;
    final List<String> permissions;

    Segment(String id, int percent, List<String> roles, List<String> permissions) {
      this.id = id;
      this.percent = percent;
      this.roles = roles;
      this.permissions = permissions;
    }

    static Segment pick(Random rng) {
      int roll = rng.nextInt(100);
      for (Segment segment : values()) {
        roll -= segment.percent;
        if (roll < 0) {
          return segment;
        }
      }
      throw new AssertionError("percentages must add up to 100");
    }
  }

  private record Region(List<String> given, List<String> family, List<String> locales) {}

  private static final List<Region> REGIONS = List.of(
      new Region(
          List.of("Oliver", "Amelia", "Harry", "Isla", "George", "Emily", "Siobhán", "Liam", "Aoife", "Cian", "Jack",
              "Grace", "Hannah", "Connor", "Megan", "Ethan"),
          List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Murphy", "O'Brien", "Kelly", "Walsh",
              "Evans", "Thompson", "MacLeod", "Hughes", "Byrne", "Carter"),
          List.of("en-GB", "en-GB", "en-IE", "en-US")),
      new Region(
          List.of("Lena", "Jonas", "Anna", "Lukas", "Mia", "Felix", "Sophie", "Maximilian", "Jürgen", "Katrin",
              "Daan", "Sanne", "Femke", "Bram", "Greta", "Tobias"),
          List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "de Vries", "Jansen",
              "van Dijk", "Bakker", "Visser", "Huber", "Gruber", "Wagner", "Brandt"),
          List.of("de-DE", "de-DE", "de-AT", "de-CH", "nl-NL")),
      new Region(
          List.of("Camille", "Louis", "Chloé", "Hugo", "Élodie", "Théo", "Giulia", "Marco", "Chiara", "Alessandro",
              "Francesca", "Matteo", "Léa", "Noémie", "Lorenzo", "Manon"),
          List.of("Martin", "Bernard", "Dubois", "Moreau", "Lefèvre", "Rossi", "Russo", "Ferrari", "Esposito",
              "Bianchi", "Romano", "Colombo", "Girard", "Fontaine", "Marino", "Conti"),
          List.of("fr-FR", "fr-FR", "fr-BE", "it-IT", "it-IT")),
      new Region(
          List.of("María", "José", "Lucía", "Javier", "Carmen", "Diego", "Sofía", "Mateo", "Inês", "João",
              "Beatriz", "Tiago", "Pilar", "Álvaro", "Marta", "Rui"),
          List.of("García", "Fernández", "López", "Martínez", "Sánchez", "Pereira", "Silva", "Costa", "Oliveira",
              "Ramos", "Navarro", "Ortega", "Gonçalves", "Moreno", "Ferreira", "Iglesias"),
          List.of("es-ES", "es-ES", "pt-PT")),
      new Region(
          List.of("Astrid", "Lars", "Ingrid", "Erik", "Freja", "Magnus", "Sigrid", "Søren", "Aino", "Mikko", "Linnea",
              "Henrik", "Maja", "Oskar", "Elin", "Jussi"),
          List.of("Andersson", "Johansson", "Lindqvist", "Nielsen", "Hansen", "Berg", "Dahl", "Virtanen",
              "Korhonen", "Lund", "Håkansson", "Sørensen", "Nyström", "Mäkinen", "Eriksen", "Holm"),
          List.of("sv-SE", "sv-SE", "da-DK", "nb-NO", "fi-FI")),
      new Region(
          List.of("Katarzyna", "Piotr", "Agnieszka", "Łukasz", "Zofia", "Marek", "Ana", "Luka", "Petra", "Matej",
              "Tomáš", "Eliška", "Maria", "Jakub", "Ivana", "Bartosz"),
          List.of("Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Horvat", "Kovač", "Novak", "Babić", "Zając",
              "Król", "Dvořák", "Marić", "Jurić", "Sikora", "Pavlović"),
          List.of("pl-PL", "pl-PL", "cs-CZ", "hr-HR", "sl-SI")),
      new Region(
          List.of("Mehmet", "Ayşe", "Emre", "Zeynep", "Can", "Elif", "Omar", "Layla", "Yusuf", "Fatima", "Karim",
              "Noor", "Selin", "Hamza", "Leila", "Tarek"),
          List.of("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Haddad", "Khalil", "Mansour", "Nasser",
              "Aziz", "Farouk", "Aydın", "Saleh", "Hassan", "Arslan"),
          List.of("tr-TR", "tr-TR", "ar-AE", "en-GB", "de-DE")),
      new Region(
          List.of("Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Kwame", "Ama", "Tunde", "Folake", "Kofi", "Abena",
              "Emeka", "Yaw", "Chiamaka", "Kelechi", "Efua", "Babajide"),
          List.of("Okafor", "Adeyemi", "Okonkwo", "Mensah", "Boateng", "Asante", "Balogun", "Eze", "Nwosu", "Owusu",
              "Adebayo", "Appiah", "Obi", "Ogunleye", "Darko", "Nwachukwu"),
          List.of("en-NG", "en-NG", "en-GB", "fr-FR")),
      new Region(
          List.of("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Aisha", "Rahul", "Meera", "Sanjay",
              "Divya", "Imran", "Neha", "Aditya", "Lakshmi", "Farhan"),
          List.of("Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Khan", "Das", "Menon", "Rao", "Banerjee",
              "Kapoor", "Chatterjee", "Singh", "Pillai", "Joshi"),
          List.of("en-IN", "en-IN", "en-GB", "en-US")),
      new Region(
          List.of("Yuki", "Haruto", "Sakura", "Ren", "Aiko", "Takumi", "Hina", "Sota", "Min-jun", "Seo-yeon", "Ji-woo",
              "Wei", "Mei", "Hao", "Xiu", "Jun"),
          List.of("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Kim", "Lee", "Park", "Choi", "Jung",
              "Wang", "Li", "Chen", "Zhang", "Liu"),
          List.of("ja-JP", "ko-KR", "zh-CN", "en-US", "en-GB")),
      new Region(
          List.of("Valentina", "Santiago", "Camila", "Sebastián", "Gabriela", "Thiago", "Larissa", "Rafael", "Ximena",
              "Emiliano", "Fernanda", "Joaquín", "Renata", "Matías", "Bruna", "Lucas"),
          List.of("Hernández", "González", "Rodríguez", "Souza", "Santos", "Almeida", "Ribeiro", "Castillo", "Vargas",
              "Mendoza", "Rocha", "Carvalho", "Guzmán", "Herrera", "Lima", "Pacheco"),
          List.of("es-MX", "pt-BR", "es-ES", "en-US")));

  private static final List<String> EMAIL_DOMAINS = List.of("example.com", "example.org", "example.net");

  private static final Map<String, String> CURRENCY_BY_LOCALE = Map.ofEntries(
      Map.entry("en-GB", "GBP"), Map.entry("en-IE", "EUR"), Map.entry("en-US", "USD"), Map.entry("de-DE", "EUR"),
      Map.entry("de-AT", "EUR"), Map.entry("de-CH", "CHF"), Map.entry("nl-NL", "EUR"), Map.entry("fr-FR", "EUR"),
      Map.entry("fr-BE", "EUR"), Map.entry("it-IT", "EUR"), Map.entry("es-ES", "EUR"), Map.entry("pt-PT", "EUR"),
      Map.entry("sv-SE", "SEK"), Map.entry("da-DK", "DKK"), Map.entry("nb-NO", "NOK"), Map.entry("fi-FI", "EUR"),
      Map.entry("pl-PL", "PLN"), Map.entry("cs-CZ", "CZK"), Map.entry("hr-HR", "EUR"), Map.entry("sl-SI", "EUR"),
      Map.entry("tr-TR", "TRY"), Map.entry("ar-AE", "AED"), Map.entry("en-NG", "NGN"), Map.entry("en-IN", "INR"),
      Map.entry("ja-JP", "JPY"), Map.entry("ko-KR", "KRW"), Map.entry("zh-CN", "CNY"), Map.entry("es-MX", "MXN"),
      Map.entry("pt-BR", "BRL"));

  /** Rough, fixed EUR exchange rates: realistic magnitudes, not market data. */
  private static final Map<String, BigDecimal> EUR_RATES = Map.ofEntries(
      Map.entry("EUR", new BigDecimal("1")), Map.entry("GBP", new BigDecimal("0.85")),
      Map.entry("USD", new BigDecimal("1.08")), Map.entry("CHF", new BigDecimal("0.95")),
      Map.entry("SEK", new BigDecimal("11.3")), Map.entry("DKK", new BigDecimal("7.46")),
      Map.entry("NOK", new BigDecimal("11.6")), Map.entry("PLN", new BigDecimal("4.3")),
      Map.entry("CZK", new BigDecimal("25.0")), Map.entry("TRY", new BigDecimal("37.0")),
      Map.entry("AED", new BigDecimal("3.97")), Map.entry("NGN", new BigDecimal("1700")),
      Map.entry("INR", new BigDecimal("92")), Map.entry("JPY", new BigDecimal("162")),
      Map.entry("KRW", new BigDecimal("1480")), Map.entry("CNY", new BigDecimal("7.8")),
      Map.entry("MXN", new BigDecimal("19.5")), Map.entry("BRL", new BigDecimal("5.9")));

  private record Product(String name, double eur) {}

  private static final List<Product> PRODUCTS = List.of(
      new Product("Noise-cancelling headphones", 249), new Product("Espresso machine", 399),
      new Product("Trail running shoes", 129), new Product("E-reader", 139), new Product("Carry-on suitcase", 189),
      new Product("Smartwatch", 299), new Product("Cast-iron skillet", 59), new Product("Mechanical keyboard", 149),
      new Product("Yoga mat", 39), new Product("Bluetooth speaker", 89), new Product("Winter parka", 279),
      new Product("4K camera drone", 799), new Product("Stand mixer", 449), new Product("Cycling helmet", 119),
      new Product("Board game bundle", 69), new Product("Robot vacuum", 499), new Product("Weekend city break", 650),
      new Product("Watercolour set", 45), new Product("Hiking backpack 40 L", 159),
      new Product("Two-person tent", 229), new Product("Vinyl turntable", 329), new Product("Air fryer", 129),
      new Product("Wireless earbuds", 179), new Product("Electric toothbrush", 89), new Product("Leather wallet", 79),
      new Product("Standing desk", 549), new Product("Ergonomic office chair", 429),
      new Product("11-inch tablet", 599), new Product("Mirrorless camera", 1299),
      new Product("Language course (12 months)", 199), new Product("Cooking class for two", 140),
      new Product("Concert tickets (2)", 180), new Product("Houseplant bundle", 55),
      new Product("Smart thermostat", 219), new Product("Balance bike", 99), new Product("Games console", 499),
      new Product("Electric scooter", 649), new Product("Burr coffee grinder", 169), new Product("Wool blanket", 95),
      new Product("Polarised sunglasses", 149));

  private record MerchantCategory(double minEur, double maxEur, List<String> merchants) {}

  private static final List<MerchantCategory> MERCHANTS = List.of(
      new MerchantCategory(8, 140, List.of("Greenleaf Market", "FreshCart Grocers", "Corner Pantry",
          "Harvest Lane Foods", "Daily Basket")),
      new MerchantCategory(2.5, 9, List.of("Bean & Brew", "Morning Ritual Coffee", "Kettle & Crumb")),
      new MerchantCategory(30, 110, List.of("Northway Fuel", "Crossroads Petrol", "Bluepeak Charging")),
      new MerchantCategory(25, 900, List.of("Voltage Electronics", "PixelPoint", "Circuit Corner")),
      new MerchantCategory(20, 250, List.of("Threadline", "Atelier Nord", "Maple & Moss Outfitters")),
      new MerchantCategory(60, 1200, List.of("Nimbus Air", "SkyHop Airlines", "Harbour View Hotels",
          "Lakeside Rail")),
      new MerchantCategory(12, 180, List.of("Trattoria Sole", "Sakura Noodle Bar", "The Copper Pot",
          "Casa Olivo")),
      new MerchantCategory(4, 60, List.of("CarePlus Pharmacy", "Wellspring Apothecary")),
      new MerchantCategory(6, 20, List.of("StreamBox", "Tunewave", "PagePass")),
      new MerchantCategory(15, 400, List.of("Hearth & Home", "Nordic Living Store", "Toolbox Depot")),
      new MerchantCategory(8, 45, List.of("Inkwell Books", "Chapter House")),
      new MerchantCategory(30, 200, List.of("City Power & Light", "Brightline Telecom", "Clearwater Utilities")));
}
