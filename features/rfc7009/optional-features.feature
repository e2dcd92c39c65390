@rfc7009 @rfc7009-2.3
Feature: Revocation from a browser-based app's pages: CORS and JSONP
  A page can read the revocation endpoint's answer only if the server lets its origin (CORS) or, for old
  browsers, answers in JSONP. Both are optional: knowing which a server offers tells such an app how to revoke.

  Background:
    Given a public browser-based app

  @req:7009-2.3-cors-allowed
  Scenario: The endpoint may let a page of the app's own origin read its answer
    When the app revokes a made-up token from a page of its own origin
    Then the answer lets that origin read it

  @req:7009-2.3-jsonp-allowed
  Scenario: The endpoint may answer a GET request with a callback in JSONP
    When the app revokes a made-up token by JSONP with the callback "conformance.revoked"
    Then the answer calls "conformance.revoked" as JavaScript
