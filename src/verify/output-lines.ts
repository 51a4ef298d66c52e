/**
 * The lines of a failed command's output that say what went wrong: error and exception lines, without
 * stack frames, JVM notices or blank lines. A Python traceback of thirty lines becomes its exception
 * lines; a Java stack trace its exception and `Caused by:` lines; a Go panic its message.
 */

const MAX_LINES = 12;
const MAX_WIDTH = 240;

const JVM_NOTICE = /^Picked up (JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS):/;

/** Lines that are never the error itself. */
const NOISE = [
  JVM_NOTICE,
  /^Traceback \(most recent call last\):$/,
  /^\s+at\s/, // Java and Node stack frames
  /^\s*\.\.\. \d+ (more|common frames omitted)$/,
  /^(During handling of the above exception, another exception occurred|The above exception was the direct cause of the following exception):$/,
  /^\s*[~^]+\s*$/, // Python's caret markers
  /^SLF4J(\(\w\))?: /, // Java logging set-up notices
  /^\s+warnings\.warn\(/, // the source line under a Python warning
  /^Node\.js v\d+/,
  /^\s*$/,
];

const PYTHON_FRAME = /^\s+File ".*", line \d+/;
const GO_GOROUTINE = /^goroutine \d+ \[/;
// Under a goroutine header: `main.read(0x0)`, `\t/app/main.go:66 +0x2a`, `created by ...`, blank lines.
const GO_FRAME = /^\s*$|^\t|^[\w./*()-]+\(.*\)$|^created by /;
// Node prints the throwing source line first (`file:///x.js:59`, the line, a caret), and the error's
// own properties after its stack (`    at f (x.js:1:2) {` ... `}`).
const NODE_SOURCE = /^(file:\/\/)?\/\S+\.[cm]?[jt]s:\d+$/;
const NODE_PROPS_START = /^\s+at .* \{$/;

function withoutFrames(lines: string[]): string[] {
  const out: string[] = [];
  let frameIndent = -1;
  let skipUntil: RegExp | undefined;
  let inGoroutine = false;
  for (const line of lines) {
    if (skipUntil) {
      if (skipUntil.test(line)) skipUntil = undefined;
      continue;
    }
    if (inGoroutine && GO_FRAME.test(line)) continue;
    inGoroutine = GO_GOROUTINE.test(line);
    if (inGoroutine) continue;
    if (NODE_SOURCE.test(line.trim())) {
      skipUntil = /^\s*$/;
      continue;
    }
    if (NODE_PROPS_START.test(line)) {
      skipUntil = /^\}$/;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (PYTHON_FRAME.test(line)) {
      frameIndent = indent;
      continue;
    }
    // The source line (and markers) under a Python frame are indented deeper than the frame.
    if (frameIndent >= 0 && indent > frameIndent && line.trim() !== '') continue;
    frameIndent = -1;
    if (NOISE.some((re) => re.test(line))) continue;
    out.push(line.length > MAX_WIDTH ? `${line.slice(0, MAX_WIDTH - 3)}...` : line);
  }
  return out;
}

/** The lines that matter of one run's output: its stderr's, or its stdout's when stderr says nothing. */
export function linesThatMatter(stdout: string, stderr: string, max = MAX_LINES): string[] {
  const pick = (text: string) => withoutFrames(text.split(/\r?\n/));
  let lines = pick(stderr);
  if (lines.length === 0) lines = pick(stdout);
  const unique = lines.filter((l, i) => l !== lines[i - 1]);
  if (unique.length <= max) return unique;
  return [`... (${unique.length - max + 1} earlier lines)`, ...unique.slice(-(max - 1))];
}

const ERROR_WORDS =
  /error|exception|fail|refused|denied|invalid|panic|fatal|not found|no such|cannot|unable/i;

/** The one line that says what went wrong: the last error-looking line of `lines`, else the last line. */
export function errorLine(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) if (ERROR_WORDS.test(lines[i])) return lines[i].trim();
  return lines[lines.length - 1]?.trim();
}

/** Phrases TLS stacks use when they refuse a certificate, most specific first. */
const TLS_PHRASES = [
  /\[SSL: [A-Z_]+\][^'"]*/,
  /certificate verify failed[^'"]*/i,
  /x509: .*/,
  /PKIX path (building|validation) failed[^"\n]*/,
  /unable to find valid certification path[^"\n]*/,
  /(self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer certificate)[^"\n]*/i,
  /(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_SIGNATURE_FAILURE)[^"\n]*/,
  /[^\n]*\b(SSL|TLS|handshake|certificate)\b[^\n]*/i,
];

/** The TLS error a client reported, from its output or its error message; undefined when none is named. */
export function tlsErrorLine(...texts: string[]): string | undefined {
  for (const re of TLS_PHRASES) {
    for (const text of texts) {
      const lines = text.split(/\r?\n/).reverse();
      for (const raw of lines) {
        if (JVM_NOTICE.test(raw)) continue;
        const m = re.exec(raw);
        if (!m) continue;
        // The whole line says the most (the exception, the host); a long one from the phrase on.
        const line = raw.trim().replace(/^message:\s*'(.*?)',?$/i, '$1');
        const found = line.length <= MAX_WIDTH ? line : m[0].trim();
        return found.length > MAX_WIDTH ? `${found.slice(0, MAX_WIDTH - 3)}...` : found;
      }
    }
  }
  return undefined;
}
