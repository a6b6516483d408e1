/**
 * Blocking password hashing and verification: Argon2id (libsodium or pure-Java BouncyCastle) for new
 * hashes, plus verification of imported legacy bcrypt and PBKDF2 hashes; see {@link dev.authgate.password.PasswordHasher}.
 */
package dev.authgate.password;
