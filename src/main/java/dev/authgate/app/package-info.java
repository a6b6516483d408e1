/** Start-up: loading settings and keys, development mode, and deploying the HTTP verticles. */
package dev.authgate.app;
