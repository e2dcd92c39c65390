@client
Feature: How a client talks to the token endpoint
  A client's secret is only as safe as the places it travels: never a URL, which logs and proxies keep,
  and preferably the Authorization header. Token requests are form-encoded POSTs, which every server
  understands the same way (RFC 6749 §2.3.1, §3.2, §4.1.3).

  @req:6749-3.2-client-uses-post @req:6749-4.1.3-client-form-encodes-token-requests
  Scenario: A client sends every token request by POST with a form-encoded body
    Given a private desktop app
    When the client signs in with the user's password
    And the client refreshes its tokens twice
    Then every token request of the client was sent by POST
    And every token request of the client carried its parameters form-encoded in the body

  @req:6749-2.3.1-credentials-not-in-uri
  Scenario: A confidential client keeps its secret out of every URL
    Given a private desktop app
    When the client signs in with the user's password
    And the client logs out
    Then the client's secret appeared in no request URL

  @req:6749-2.3.1-body-credentials-discouraged @req:6749-4.3.2-client-authenticates
  Scenario: A confidential client authenticates with HTTP Basic
    Given a private desktop app
    When the client signs in with the user's password
    Then the client authenticated with HTTP Basic rather than with its secret in the body

  @req:6749-3.2-client-uses-post @req:6749-4.1.3-client-form-encodes-token-requests @req:6749-2.3.1-credentials-not-in-uri
  Scenario: A client signing in with a JWT credential follows the same rules
    Given a private server-only app
    When the client signs in with the user's JWT credential
    Then the client's secret appeared in no request URL
    And every token request of the client was sent by POST
    And every token request of the client carried its parameters form-encoded in the body
