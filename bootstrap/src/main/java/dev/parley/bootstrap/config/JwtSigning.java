package dev.parley.bootstrap.config;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The HS256 signature that signs and verifies Parley's own tokens, keyed with the secret {@link
 * ParleySettings} chose, so the secret never sits in a configuration file.
 */
@Factory
public class JwtSigning {

  /**
   * Typed as the interface on purpose: a factory method returning {@link SecretSignature} would
   * inherit that class's {@code @EachBean} and silently produce no bean at all.
   */
  @Singleton
  @Named("generator")
  SignatureGeneratorConfiguration generatorSignature(ParleySettings settings) {
    SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
    config.setSecret(settings.jwtSecret());
    config.setJwsAlgorithm(JWSAlgorithm.HS256);
    return new SecretSignature(config);
  }
}
