@ringcentral @app-types
Feature: Grants allowed per application type
  RingCentral fixes an app's application type and platform type when the app is created, and lets
  them decide which grants the app may use. A refused grant is answered with unauthorized_client.

  Scenario Outline: The password flow is <outcome> for a <app type> app
    Given a <app type> app
    When the app requests a token with the user's password
    Then the password flow is <outcome>

    @req:rc-public-app-no-password-flow @req:rc-refused-grant-oau-251 @req:6749-5.2-unauthorized-client
    Examples:
      | app type              | outcome |
      | public browser-based  | refused |
      | public desktop        | refused |

    @req:rc-browser-and-server-web-app-no-password-flow @req:rc-refused-grant-oau-251 @req:6749-5.2-unauthorized-client
    Examples:
      | app type              | outcome |
      | private browser-based | refused |
      | private server/web    | refused |

    @req:rc-other-private-apps-password-flow
    Examples:
      | app type              | outcome |
      | private server-only   | allowed |
      | private desktop       | allowed |
      | private mobile        | allowed |

  @rfc6749-4.1.2.1
  Scenario Outline: The authorization code flow is <outcome> for a <app type> app
    Given a <app type> app
    When the app sends the user through the authorization code flow
    Then the authorization code flow is <outcome>

    @browser @req:rc-ui-apps-code-flow
    Examples: Apps with a user interface
      | app type              | outcome |
      | public browser-based  | allowed |
      | public desktop        | allowed |
      | private browser-based | allowed |
      | private server/web    | allowed |
      | private desktop       | allowed |
      | private mobile        | allowed |

    @req:rc-no-ui-app-no-code-flow @req:6749-4.1.2.1-unauthorized-client @req:6749-4.1.2.1-error-required
    Examples: Apps without a user interface
      | app type            | outcome |
      | private server-only | refused |

  @rfc6749-5.2
  @req:rc-no-ui-app-no-code-flow @req:rc-refused-grant-oau-251 @req:6749-5.2-unauthorized-client
  Scenario: An app without a user interface cannot redeem an authorization code
    Given a private server-only app
    When the app redeems a made-up authorization code
    Then the token request fails with unauthorized_client
    And the error carries RingCentral's error code OAU-251

  @rfc6749-6
  @req:rc-refresh-for-every-app-type
  Scenario Outline: A <app type> app can refresh tokens obtained by the <flow> flow
    Given a <app type> app holding tokens from the <flow> flow
    When the app refreshes its access token
    Then the app receives a new bearer access token
    And the protected resource accepts the new access token

    @browser
    Examples: Apps that sign users in through the browser
      | app type              | flow               |
      | public browser-based  | authorization code |
      | public desktop        | authorization code |
      | private browser-based | authorization code |
      | private server/web    | authorization code |

    Examples: Apps allowed the password flow
      | app type            | flow     |
      | private server-only | password |
      | private desktop     | password |
      | private mobile      | password |
