package dev.authgate.devmode;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal blocking RESP2 client over a plain socket, for startup probes and housekeeping such as
 * {@code FLUSHALL}. It reads simple strings, errors, integers and bulk strings, but not arrays. It
 * does not use Vert.x because the startup check runs before any event loop exists.
 */
final class RespSocketClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespSocketClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to 127.0.0.1:port. The timeout bounds the connect and every later read. */
  static RespSocketClient connect(int port, Duration timeout) throws IOException {
    int millis = (int) Math.max(1, timeout.toMillis());
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(RedisServerProcess.HOST, port), millis);
      socket.setSoTimeout(millis);
      return new RespSocketClient(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Sends one command and returns its reply as text, or null for a null bulk string.
   *
   * @throws IOException when the connection fails, the reply is an error or the reply is an array
   */
  String send(String... arguments) throws IOException {
    StringBuilder request = new StringBuilder().append('*').append(arguments.length).append("\r\n");
    for (String argument : arguments) {
      byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
      request.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
    }
    out.write(request.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    return readReply();
  }

  private String readReply() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("Redis closed the connection before replying");
    }
    String line = readLine();
    switch (type) {
      case '+':
      case ':':
        return line;
      case '-':
        throw new IOException("Redis returned an error: " + line);
      case '$':
        return readBulk(Integer.parseInt(line));
      default:
        throw new IOException("Unsupported RESP reply type '" + (char) type + "' followed by: " + line);
    }
  }

  private String readBulk(int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new EOFException("Redis closed the connection in a bulk reply");
    }
    readLine();
    return new String(body, StandardCharsets.UTF_8);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int current = in.read();
      if (current < 0) {
        throw new EOFException("Redis closed the connection in a reply line");
      }
      if (previous == '\r' && current == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(current);
      previous = current;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
