/** Gatling load tests of the authgate HTTP API: login storm, mobile sessions, peak mix and overload. */
package authgate.loadtest;
