package io.dkimtrend.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The test server runs (also as root), asks for the password, and comes back after a stop. */
class PostgresServerIT {

    @Test
    void serverRunsWithPasswordsAndComesBack() {
        try (PostgresServer server = PostgresServer.start()) {
            String url = server.jdbcUrl(server.createDatabase("smoke"));
            assertThat(server.query("smoke", "SELECT 1 AS one")).containsExactly(java.util.Map.of("one", 1));
            assertThatThrownBy(() -> DriverManager.getConnection(url, PostgresServer.USER, "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            server.stop();
            assertThatThrownBy(() -> server.connect("smoke").close()).isInstanceOf(SQLException.class);
            server.restart();
            assertThat(server.query("smoke", "SELECT 2 AS two")).containsExactly(java.util.Map.of("two", 2));
        }
    }
}
