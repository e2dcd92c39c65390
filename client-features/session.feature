@client
Feature: How a client keeps and ends a session
  Tokens expire, rotate and get revoked; a client that refreshes ahead of expiry, uses only its newest
  refresh token, waits when it is told to wait and revokes what it no longer needs keeps its users signed
  in without tripping the server's defences (RFC 6749 §6, RFC 7009, RingCentral's developer guide).

  Background:
    Given a private desktop app
    And the client signs in

  @req:rc-client-refreshes-before-expiry
  Scenario: A client refreshes ahead of the expiry its token response announced
    When the access token's announced lifetime runs out
    And the client calls the API
    Then the client refreshed before it presented the expired access token
    And the client's API call succeeded

  @req:6749-6-client-replaces-refresh-token
  Scenario: After a refresh a client uses only the new refresh token
    When the client refreshes its tokens twice
    Then the client's second refresh presented the refresh token the first one returned

  @req:rc-client-honours-retry-after
  Scenario: A client throttled with 429 waits as long as Retry-After says
    When the API answers the client's next request with 429 and a Retry-After of 1 second
    And the client calls the API
    Then the client waited at least 1 second before it sent the API anything more

  @req:7009-1-client-revokes-on-logout
  Scenario: Logging out revokes the session's tokens
    When the client logs out
    Then the client revoked a token of its session
    And no token of its session works any more

  @req:7009-2.1-client-stops-using-revoked-token
  Scenario: After logging out a client presents no revoked token
    When the client logs out
    And the client calls the API
    Then after logging out the client presented none of its revoked tokens

  @req:6750-2.1-client-prefers-header
  Scenario: A client presents its access token in the Authorization header
    When the client calls the API
    Then the client sent its access token in the Authorization header only
