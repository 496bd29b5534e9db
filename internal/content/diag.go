package content

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jobboard/jobboard/internal/msg"
)

// Severity tells an error, which stops a build, from a warning, which does not.
type Severity int

const (
	Error Severity = iota
	Warning
)

// A Diagnostic is one problem in the content, placed like a compiler places
// it: the file (slash path from the site root), the line, and the field.
type Diagnostic struct {
	File     string
	Line     int      // 0 when the problem is about the file as a whole
	Field    string   // front-matter field, dotted ("salary.max"); "" when none applies
	Msg      msg.Text // kept as format and arguments, printed in the reader's language
	Severity Severity
}

// String formats d in English as "file:line: field: message", with
// "warning: " after the position for warnings, the form editors and
// terminals link to.
func (d Diagnostic) String() string { return d.In(msg.English) }

// In formats d as String does, in language l: only the message and the
// word for a warning ("attention :" in French) change; the position and
// field, what tools and editors read, stay the same.
//
// It is one line of printable text whatever the file name, field name and
// message hold (see writeEscaped): a name or value from a content file
// cannot add a line to the output, retitle the terminal, hide the other
// messages or reorder their text.
func (d Diagnostic) In(l msg.Lang) string {
	var b strings.Builder
	writeEscaped(&b, d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString(l.Sprintf("warning: "))
	}
	if d.Field != "" {
		writeEscaped(&b, d.Field)
		b.WriteString(": ")
	}
	writeEscaped(&b, d.Msg.In(l))
	return b.String()
}

// Same reports whether d and e are the same diagnostic, in every
// language, without printing them.
func (d Diagnostic) Same(e Diagnostic) bool {
	return d.File == e.File && d.Line == e.Line && d.Field == e.Field && d.Severity == e.Severity && d.Msg.Same(e.Msg)
}

// Printable is s as a diagnostic prints it: one line of printable text,
// each character that is not written out as an escape (see writeEscaped).
// Any text from outside that reaches a terminal or a page beside the
// diagnostics (a file name, an error) goes through it too.
func Printable(s string) string {
	var b strings.Builder
	writeEscaped(&b, s)
	return b.String()
}

// writeEscaped writes s to b with each character that is not printable
// text written as an escape, as Go's %q writes it but without quotes, and
// without escaping backslashes, so that a value a message already quotes
// with %q reads the same: \t, \n and \r; \x1b for other ASCII controls
// and DEL; \u0085, \u200b, \u202e for C1 controls, invisible format
// characters (zero-width spaces and joiners, bidi controls, byte-order
// mark: Unicode's Cf) and the line and paragraph separators; \xff for a
// byte that is not UTF-8.
func writeEscaped(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		// A run of printable ASCII, most of any message, is written as is.
		start := i
		for i < len(s) && 0x20 <= s[i] && s[i] < 0x7f {
			i++
		}
		b.WriteString(s[start:i])
		if i == len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(b, `\x%02x`, r)
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case unprintable(r):
			if r > 0xffff {
				fmt.Fprintf(b, `\U%08x`, r)
			} else {
				fmt.Fprintf(b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
}

// unprintable says whether r, not ASCII, is a character a message must not
// print as it is: a C1 control, an invisible format character (Cf), a line
// or paragraph separator, or a noncharacter U+FFFE or U+FFFF.
func unprintable(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf) || r == '\u2028' || r == '\u2029' || r == 0xfffe || r == 0xffff
}

// Diagnostics is every problem found in one run.
type Diagnostics []Diagnostic

// Sort orders the list by file, line, then field and message, so output is
// stable whatever order files were read in.
func (ds Diagnostics) Sort() {
	// Most often they are: serve sorts the thousands of warnings of a big
	// board, in order since the last build, at every edit.
	if !slices.IsSortedFunc(ds, compareDiagnostics) {
		slices.SortStableFunc(ds, compareDiagnostics)
	}
}

func compareDiagnostics(a, b Diagnostic) int {
	if c := cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Field, b.Field)); c != 0 {
		return c
	}
	// Only now: the arguments of cmp.Or are all worked out, and a message
	// is formatted (fmt.Sprintf) each time it is compared, for each of the
	// thousands of warnings of a large site at every edit in serve.
	return cmp.Compare(a.Msg.String(), b.Msg.String())
}

// Errors counts the diagnostics of severity Error.
func (ds Diagnostics) Errors() int {
	n := 0
	for _, d := range ds {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the diagnostics of severity Warning.
func (ds Diagnostics) Warnings() int { return len(ds) - ds.Errors() }

// Err returns nil when there is no error (warnings alone do not fail), and
// otherwise an error whose message lists every error, one per line.
func (ds Diagnostics) Err() error {
	if ds.Errors() == 0 {
		return nil
	}
	return &ContentError{Diagnostics: ds}
}

// ContentError is returned when the content has errors. It carries all the
// diagnostics (warnings too) so callers can print them all.
type ContentError struct {
	Diagnostics Diagnostics
}

func (e *ContentError) Error() string {
	var b strings.Builder
	for _, d := range e.Diagnostics {
		if d.Severity != Error {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Summary is the closing line of a check in language l: "2 errors and
// 1 warning in 2 files".
func (ds Diagnostics) Summary(l msg.Lang) string {
	files := map[string]bool{}
	for _, d := range ds {
		files[d.File] = true
	}
	e, w, f := ds.Errors(), ds.Warnings(), len(files)
	errs, warns, inFiles := l.Sprintf("%d errors", e), l.Sprintf("%d warnings", w), l.Sprintf("%d files", f)
	if e == 1 {
		errs = l.Sprintf("1 error")
	}
	if w == 1 {
		warns = l.Sprintf("1 warning")
	}
	if f == 1 {
		inFiles = l.Sprintf("1 file")
	}
	switch {
	case e == 0 && w == 0:
		return l.Sprintf("no problems")
	case w == 0:
		return l.Sprintf("%s in %s", errs, inFiles)
	case e == 0:
		return l.Sprintf("%s in %s", warns, inFiles)
	}
	return l.Sprintf("%s and %s in %s", errs, warns, inFiles)
}

// list collects diagnostics while loading.
type list struct{ ds Diagnostics }

func (l *list) errorf(file string, line int, field, format string, args ...any) {
	l.ds = append(l.ds, Diagnostic{File: file, Line: line, Field: field, Msg: msg.New(format, args...)})
}

func (l *list) warnf(file string, line int, field, format string, args ...any) {
	l.ds = append(l.ds, Diagnostic{File: file, Line: line, Field: field, Msg: msg.New(format, args...), Severity: Warning})
}
