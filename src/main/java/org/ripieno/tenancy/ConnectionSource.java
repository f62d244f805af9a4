package org.ripieno.tenancy;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that only decides where its connections come from, for a library that asks for a
 * {@link DataSource}: it opens nothing itself, so it has no log writer, login timeout or logger of
 * its own, and wraps nothing.
 */
abstract class ConnectionSource implements DataSource {

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Nothing is written: this data source opens nothing itself.
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // Nothing to wait for: this data source opens nothing itself.
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("No logger of its own");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
