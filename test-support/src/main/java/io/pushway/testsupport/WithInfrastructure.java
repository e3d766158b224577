package io.pushway.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class real Kafka and Redis, plus TLS and JWT key material, before any Spring context
 * starts. Declare it before {@code @SpringBootTest}. The infrastructure is shared by every test class
 * in the JVM; see {@link Infrastructure} for where it comes from.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(InfrastructureExtension.class)
public @interface WithInfrastructure {
}
