import com.aliyun.tea.TeaException;
import com.aliyuncs.exceptions.ClientException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Records checks as JSON lines for conformance.test.ts; exit 1 when any failed. */
final class Checks {
  interface Body { String run() throws Exception; }
  interface Call { Object run() throws Exception; }

  private final List<String> failed = new ArrayList<>();

  static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isEmpty()) {
      System.out.println("{\"check\":\"env:" + name + "\",\"ok\":false,\"detail\":\"" + name + " is not set\"}");
      System.exit(2);
    }
    return v;
  }

  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') b.append('\\').append(ch);
      else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
      else b.append(ch);
    }
    return b.append('"').toString();
  }

  void record(String name, boolean ok, String detail) {
    String d = detail == null ? "" : detail;
    if (d.length() > 2000) d = d.substring(0, 2000);
    System.out.println("{\"check\":" + json(name) + ",\"ok\":" + ok + ",\"detail\":" + json(d) + "}");
    System.out.flush();
    if (!ok) failed.add(name);
  }

  void run(String name, Body body) {
    try {
      String problem = body.run();
      record(name, problem == null, problem);
    } catch (Throwable e) {
      record(name, false, describe(e));
    }
  }

  static String code(Throwable e) {
    if (e instanceof TeaException) return ((TeaException) e).getCode();
    if (e instanceof ClientException) return ((ClientException) e).getErrCode();
    return e.getClass().getSimpleName();
  }

  static Object status(Throwable e) {
    if (e instanceof TeaException) {
      Map<String, Object> data = ((TeaException) e).getData();
      return data == null ? null : data.get("httpCode");
    }
    return null;
  }

  static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(code(e) + ": " + e);
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) b.append(" <- ").append(c);
    return b.toString();
  }

  void expectError(String name, Call call, String... codes) {
    try {
      call.run();
      record(name, false, "the call succeeded; expected " + String.join(" or ", codes));
    } catch (Throwable e) {
      String got = code(e);
      record(name, Arrays.asList(codes).contains(got),
          "got " + got + " (HTTP " + status(e) + "): " + e.getMessage() + "; expected " + String.join(" or ", codes));
    }
  }

  void expectFailure(String name, Call call, String... mustMention) {
    try {
      call.run();
      record(name, false, "the call succeeded; expected a failure mentioning " + String.join(" or ", mustMention));
    } catch (Throwable e) {
      String text = describe(e).toLowerCase();
      boolean ok = false;
      for (String w : mustMention) ok |= text.contains(w.toLowerCase());
      record(name, ok, describe(e));
    }
  }

  void output(String key, String value) {
    System.out.println("{\"output\":{" + json(key) + ":" + json(value) + "}}");
  }

  void finish() {
    if (!failed.isEmpty()) {
      System.err.println("FAILED: " + String.join(", ", failed));
      System.exit(1);
    }
    System.exit(0);
  }
}
