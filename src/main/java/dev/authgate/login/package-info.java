/** Password login: name normalisation, the login document in Redis, the bounded verify pool, and the endpoint. */
package dev.authgate.login;
