package io.github.v8heapsnapshot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.Redaction;
import io.github.v8heapsnapshot.layout.ObjectLayout;

/**
 * The parsed arguments of the command line.
 *
 * @param input the HPROF file
 * @param output the snapshot to write
 * @param options the conversion options
 * @param help whether to print the help and stop
 * @param parentPid the process whose end stops the conversion, if any
 * @param machineReadable whether to also print the object id statistics for programs
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
record CommandLine(@Nullable Path input, @Nullable Path output, ConversionOptions options, boolean help,
		OptionalLong parentPid, boolean machineReadable) {

	/**
	 * The help text.
	 */
	static final String HELP = """
			Usage: java -jar v8heapsnapshot-cli.jar [options] IN.hprof [OUT.heapsnapshot]

			Converts a HotSpot heap dump into a V8 heap snapshot that Chrome DevTools (Memory tab,
			Load) and memlab open. OUT defaults to IN with the extension .heapsnapshot.

			The object layout of the JVM that wrote the dump decides the sizes; HPROF does not
			record it. Defaults: a JDK 17 with compressed oops and class pointers, 8-byte alignment.
			  --java-version N                 feature version of the dumping JVM (default 17)
			  --compressed-oops                references take 4 bytes (default)
			  --no-compressed-oops             references take 8 bytes (heaps of 32 GB and more, ZGC)
			  --compressed-class-pointers      class pointers take 4 bytes (default)
			  --no-compressed-class-pointers   class pointers take 8 bytes
			  --compact-object-headers         8-byte headers (-XX:+UseCompactObjectHeaders, JDK 24+)
			  --object-alignment N             -XX:ObjectAlignmentInBytes (default 8)

			Output:
			  --string-limit N                 most characters kept of a string value (default 1024)
			  --redaction none|secrets|all-strings
			                                   secrets masks values held by fields, map keys and
			                                   properties named like password, secret, token, key,
			                                   credential or auth; all-strings replaces every value
			                                   with a token of the same length (default none)
			  --sensitive-names REGEX,...      more names whose values secrets masks
			  --temp-dir DIR                   directory for the temporary index files
			                                   (default: the system temp directory)
			  --threads N                      most threads the conversion uses (default 2, or 1
			                                   on a single processor); 1 starts no thread
			  --ids FILE                       continue the object ids of the earlier dumps of the
			                                   same JVM, converted with the same FILE, so that
			                                   DevTools' Comparison and memlab match objects across
			                                   the snapshots; FILE is created if missing and updated
			                                   after each conversion. Convert the dumps in the order
			                                   they were taken

			Run by a program:
			  --parent-pid PID                 stop as soon as process PID ends, deleting the
			                                   partial output: a program that starts the converter
			                                   passes its own pid, so that killing it leaves no
			                                   conversion running
			  --machine-readable               also print the object id statistics as one line
			                                   'v8heapsnapshot-object-ids: nodes=N previous-nodes=N
			                                   kept-by-address=N kept-by-content=N kept-by-place=N'
			  -h, --help                       show this help

			Exit status: 0 on success, 1 when the input cannot be converted, 2 on wrong usage.
			""";

	/**
	 * Parses arguments.
	 * @param args the arguments
	 * @return the command line
	 * @throws UsageException if the arguments are wrong
	 */
	static CommandLine parse(String... args) throws UsageException {
		int javaVersion = 17;
		boolean compressedOops = true;
		boolean compressedClassPointers = true;
		boolean compactHeaders = false;
		int alignment = 8;
		ConversionOptions options = ConversionOptions.defaults();
		Redaction redaction = Redaction.NONE;
		List<Pattern> sensitiveNames = new ArrayList<>();
		List<String> files = new ArrayList<>();
		OptionalLong parentPid = OptionalLong.empty();
		boolean machineReadable = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "-h", "--help" -> {
					return new CommandLine(null, null, options, true, OptionalLong.empty(), false);
				}
				case "--java-version" -> javaVersion = intValue(arg, value(args, ++i, arg), 9);
				case "--compressed-oops" -> compressedOops = true;
				case "--no-compressed-oops" -> compressedOops = false;
				case "--compressed-class-pointers" -> compressedClassPointers = true;
				case "--no-compressed-class-pointers" -> compressedClassPointers = false;
				case "--compact-object-headers" -> compactHeaders = true;
				case "--no-compact-object-headers" -> compactHeaders = false;
				case "--object-alignment" -> alignment = intValue(arg, value(args, ++i, arg), 8);
				case "--string-limit" -> options = options.withStringLimit(intValue(arg, value(args, ++i, arg), 1));
				case "--temp-dir" -> options = options.withTempDirectory(Path.of(value(args, ++i, arg)));
				case "--threads" -> options = options.withThreads(intValue(arg, value(args, ++i, arg), 1));
				case "--ids" -> options = options.withObjectIds(Path.of(value(args, ++i, arg)));
				case "--redaction" -> redaction = redaction(value(args, ++i, arg));
				case "--sensitive-names" -> sensitiveNames.addAll(patterns(value(args, ++i, arg)));
				case "--parent-pid" -> parentPid = OptionalLong.of(intValue(arg, value(args, ++i, arg), 1));
				case "--machine-readable" -> machineReadable = true;
				default -> {
					if (arg.startsWith("-") && arg.length() > 1) {
						throw new UsageException("Unknown option " + arg);
					}
					files.add(arg);
				}
			}
		}
		if (files.isEmpty()) {
			throw new UsageException("No input file given");
		}
		if (files.size() > 2) {
			throw new UsageException("Too many files: " + String.join(" ", files));
		}
		if (compactHeaders && javaVersion < 24) {
			throw new UsageException("--compact-object-headers needs --java-version 24 or later");
		}
		ObjectLayout layout;
		try {
			layout = new ObjectLayout(javaVersion, compressedOops, compressedClassPointers, compactHeaders, alignment);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
		Path input = Path.of(files.get(0));
		Path output = (files.size() == 2) ? Path.of(files.get(1)) : defaultOutput(input);
		return new CommandLine(input, output, options.withLayout(layout).withRedaction(redaction, sensitiveNames),
				false, parentPid, machineReadable);
	}

	private static Path defaultOutput(Path input) {
		String name = input.getFileName().toString();
		String base = name.toLowerCase(Locale.ROOT).endsWith(".hprof") ? name.substring(0, name.length() - 6) : name;
		return input.resolveSibling(base + ".heapsnapshot");
	}

	private static String value(String[] args, int index, String option) throws UsageException {
		if (index >= args.length) {
			throw new UsageException(option + " needs a value");
		}
		return args[index];
	}

	private static int intValue(String option, String value, int min) throws UsageException {
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= min) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException(option + " needs a whole number of at least " + min + ", not '" + value + "'");
	}

	private static Redaction redaction(String value) throws UsageException {
		return switch (value) {
			case "none" -> Redaction.NONE;
			case "secrets" -> Redaction.SECRETS;
			case "all-strings" -> Redaction.ALL_STRINGS;
			default -> throw new UsageException("--redaction must be none, secrets or all-strings, not '" + value + "'");
		};
	}

	private static List<Pattern> patterns(String value) throws UsageException {
		List<Pattern> patterns = new ArrayList<>();
		for (String regex : value.split(",")) {
			if (!regex.isEmpty()) {
				try {
					patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
				}
				catch (PatternSyntaxException ex) {
					throw new UsageException("--sensitive-names: bad pattern '" + regex + "': " + ex.getDescription());
				}
			}
		}
		return patterns;
	}

}
