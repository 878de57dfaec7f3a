package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: tokens of "the main application", verified against its JWKS with issuer and audience
 * checks; its users are provisioned on first sight, and no algorithm or issuer swap gets in.
 */
@MicronautTest(transactional = false)
class ExternalIssuerTest extends ApiTestBase {
  private static final String ISSUER = "https://main-app.example";
  private static final String AUDIENCE = "parley";
  private final RSAKey key;
  private final RSAKey otherKey;
  private final HttpServer jwks;

  ExternalIssuerTest() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext(
        "/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    jwks.start();
  }

  @AfterAll
  void stopJwks() {
    jwks.stop(0);
  }

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of(
        "parley.security.external.issuer",
        ISSUER,
        "parley.security.external.audience",
        AUDIENCE,
        "parley.security.external.jwks-uri",
        "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json",
        "parley.security.external.user-id-claim",
        "uid",
        "parley.security.external.username-claim",
        "name");
  }

  private static JWTClaimsSet.Builder claims(String uid, String name) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("ignored-" + uid)
        .claim("uid", uid)
        .claim("name", name)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)));
  }

  private static String rs256(JWTClaimsSet claims, RSAKey signer) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(signer));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aValidTokenProvisionsTheUserOnceAndWorksOnRestAndSockets() throws IOException {
    String uid = UUID.randomUUID().toString();
    String name = "main" + uid.substring(0, 6);
    String token = rs256(claims(uid, name).build(), key);

    Response me = api.get("/users/me", token);
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.json().get("username").getStringValue()).isEqualTo(name);
    long id = me.json().get("id").getLongValue();

    String later = rs256(claims(uid, "renamed" + uid.substring(0, 4)).build(), key);
    assertThat(api.get("/users/me", later).json().get("id").getLongValue()).isEqualTo(id);
    // Provisioned users are full members: they can create a server and chat.
    assertThat(api.post("/chat/servers", "{\"name\":\"From main\"}", token).status())
        .isEqualTo(201);
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?token=" + token)) {
      assertThat(ws.await("connected").get("user_id").getLongValue()).isEqualTo(id);
    }
    // They have no password here, so no password login.
    assertThat(
            api.post(
                    "/auth/login",
                    "{\"username\":\"" + name + "\",\"password\":\"x1234567\"}",
                    null)
                .status())
        .isEqualTo(401);
  }

  /** The name provisioning derives from issuer and subject (ext- and 16 hex of their SHA-256). */
  private static String derivedName(String uid) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest((ISSUER + "\n" + uid).getBytes(StandardCharsets.UTF_8));
    return "ext-" + HexFormat.of().formatHex(digest).substring(0, 16);
  }

  @Test
  void localSignUpsCannotSquatAnExternalIdentity() throws Exception {
    String uid = UUID.randomUUID().toString();
    String name = "squat" + uid.substring(0, 6);
    String derived = derivedName(uid);
    // A local account takes the name the external user will ask for...
    Response local =
        api.post(
            "/auth/register", "{\"username\":\"" + name + "\",\"password\":\"password123\"}", null);
    assertThat(local.status()).as(local.toString()).isEqualTo(201);
    long localId = local.json().get("id").getLongValue();
    // ...but the reserved ext- form is nobody's to register, in any case.
    for (String reserved : new String[] {derived, derived.toUpperCase(), "EXT-anything"}) {
      Response squat =
          api.post(
              "/auth/register",
              "{\"username\":\"" + reserved + "\",\"password\":\"password123\"}",
              null);
      assertThat(squat.status()).as(reserved + " " + squat).isEqualTo(400);
    }
    // Another external user whose name claim is the derived name takes nothing from this one.
    String other = rs256(claims(UUID.randomUUID().toString(), derived).build(), key);
    Response otherMe = api.get("/users/me", other);
    assertThat(otherMe.status()).as(otherMe.toString()).isEqualTo(200);
    assertThat(otherMe.json().get("username").getStringValue()).isNotEqualToIgnoringCase(derived);

    String token = rs256(claims(uid, name).build(), key);
    Response me = api.get("/users/me", token);
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    long id = me.json().get("id").getLongValue();
    assertThat(id).isNotEqualTo(localId);
    assertThat(me.json().get("username").getStringValue()).isNotEqualToIgnoringCase(name);
    // The same subject keeps its account, whatever name it claims later.
    String again = rs256(claims(uid, name).build(), key);
    assertThat(api.get("/users/me", again).json().get("id").getLongValue()).isEqualTo(id);
    String renamed = rs256(claims(uid, "other" + uid.substring(0, 6)).build(), key);
    assertThat(api.get("/users/me", renamed).json().get("id").getLongValue()).isEqualTo(id);
    // And the local account is still its owner's.
    assertThat(api.login(name)).isNotBlank();
  }

  @Test
  void wrongIssuerAudienceKeyAlgorithmOrTimesAreRefused() throws Exception {
    String uid = UUID.randomUUID().toString();
    Instant past = Instant.now().minusSeconds(3600);
    String[] refused = {
      rs256(claims(uid, "x").issuer("https://evil.example").build(), key),
      rs256(claims(uid, "x").audience("someone-else").build(), key),
      rs256(claims(uid, "x").build(), otherKey),
      rs256(claims(uid, "x").expirationTime(Date.from(past)).build(), key),
      rs256(
          claims(uid, "x").notBeforeTime(Date.from(Instant.now().plusSeconds(3600))).build(), key),
      rs256(claims(null, "x").claim("uid", null).build(), key),
      // Parley's issuer with the external key: own tokens are HS256 with Parley's secret only.
      rs256(claims(uid, "x").issuer("parley").build(), key),
      // Algorithm swap: HS256 keyed with the issuer's public key bytes.
      hs256WithPublicKey(claims(uid, "x").build()),
    };
    for (String token : refused) {
      assertThat(api.get("/users/me", token).status()).as(token).isEqualTo(401);
    }
  }

  private String hs256WithPublicKey(JWTClaimsSet claims) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
    return jwt.serialize();
  }

  @Test
  void parleysOwnTokensStillWorkBesideTheExternalIssuer() {
    var alice = api.newUser("local");
    assertThat(api.get("/users/me", alice.token()).status()).isEqualTo(200);
  }
}
