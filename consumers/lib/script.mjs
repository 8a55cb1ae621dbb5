// What the consumer scripts share: their options, and keeping memlab's chatter off stdout, which
// carries the one JSON line that the Java tests read.

/**
 * Reads the positional arguments and the options `--filter TEXT` and `--timeout SECONDS`;
 * calls `usage` on any other option or a timeout that is not positive.
 */
export function parseOptions(args, defaultTimeout, usage) {
  const parsed = { positional: [], filter: null, timeout: defaultTimeout };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--filter' && i + 1 < args.length) parsed.filter = args[++i];
    else if (args[i] === '--timeout' && i + 1 < args.length) parsed.timeout = Number(args[++i]);
    else if (args[i].startsWith('--')) usage();
    else parsed.positional.push(args[i]);
  }
  if (!(parsed.timeout > 0)) usage();
  return parsed;
}

/** Returns the milliseconds left until the deadline, at least 1000: the timeout of one step. */
export function remaining(deadline) {
  return Math.max(1000, deadline - Date.now());
}

/**
 * Keeps what memlab prints on stdout and the console (the first 50 lines, without colours) in
 * the returned array, and returns a function that writes to the real stdout.
 */
export function captureOutput() {
  const said = [];
  const remember = (chunk) => {
    const text = plain(String(chunk)).trim();
    if (text && said.length < 50) said.push(text.slice(0, 500));
  };
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    remember(chunk);
    const done = rest.find((r) => typeof r === 'function');
    if (done) done();
    return true;
  };
  for (const level of ['log', 'info', 'warn', 'error']) {
    console[level] = (...parts) => remember(parts.map(String).join(' '));
  }
  return { said, write };
}

/** Returns the text without terminal colours. */
export function plain(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}
