// Package msg keeps every message jobboard prints as its English format
// and arguments, and prints it in the language of the person reading it:
// French or English, chosen once by the command from the environment
// (FromEnv) and passed down to where messages are printed.
//
// A message is keyed by its English format string; the French texts are
// in one catalog (fr.go). A format the catalog lacks prints in English;
// TestCatalogComplete keeps every format of the code in the catalog, with
// the same placeholders.
//
// golang.org/x/text/message is not used: its printer writes numbers the
// locale's way (2 025, 24 000), and messages quote years, line numbers and
// values the user must type exactly as they are.
package msg

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Lang is the language messages are printed in.
type Lang int

const (
	English Lang = iota
	French
)

// FromEnv chooses the language as other command-line tools do: the first
// of LC_ALL, LC_MESSAGES and LANG that is set decides; a value starting
// with "fr" (fr_FR.UTF-8, fr_BE, fr) means French, anything else English.
func FromEnv(getenv func(string) string) Lang { return FromEnvOr(getenv, func() string { return "" }) }

// FromEnvOr is FromEnv where the system's language (system, like "fr-FR")
// decides when none of the variables is set: Windows sets none.
func FromEnvOr(getenv func(string) string, system func() string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return named(v)
		}
	}
	return named(system())
}

// named is the language a locale's name (fr_FR.UTF-8, fr-FR) means.
func named(v string) Lang {
	if strings.HasPrefix(v, "fr") {
		return French
	}
	return English
}

// Text is a message: its English format string and its arguments. An
// argument that is itself a Text (a part of the message: a hint, a
// description of a value) is printed in the same language.
//
// A Text is also an error, so that a check can return its finding as
// an error and the caller pass it on as an argument.
type Text struct {
	Format string
	Args   []any
}

// New makes the message format with args.
func New(format string, args ...any) Text { return Text{Format: format, Args: args} }

// Errorf is New as an error. As with fmt.Errorf, %w prints an error
// argument and Unwrap gives it back, so errors.Is and errors.As see it.
func Errorf(format string, args ...any) error { return New(format, args...) }

// Sentinel is a message to compare errors with (errors.Is): a pointer, so
// that each is itself only.
func Sentinel(format string) *Text {
	t := New(format)
	return &t
}

// Same reports whether t and u say the same in every language, without
// printing them: the same format and the same arguments. Arguments are
// compared when they are texts, or plain values (strings, numbers, dates:
// what messages hold); any other kind makes them not the same.
func (t Text) Same(u Text) bool {
	if t.Format != u.Format || len(t.Args) != len(u.Args) {
		return false
	}
	for i, a := range t.Args {
		if !sameArg(a, u.Args[i]) {
			return false
		}
	}
	return true
}

func sameArg(a, b any) bool {
	if at, ok := a.(Text); ok {
		bt, ok := b.(Text)
		return ok && at.Same(bt)
	}
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ta := reflect.TypeOf(a)
	if ta != reflect.TypeOf(b) {
		return false
	}
	return plain(ta) && a == b
}

// plain reports whether values of t are strings, numbers or booleans, or
// structs or arrays of them (a date): == compares them, and cannot panic
// as it does on an interface holding a slice.
func plain(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	case reflect.Array:
		return plain(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if !plain(t.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return false
}

// Plain is a text that is not translated (a value, a name), as a Text.
func Plain(s string) Text { return Text{Format: "%s", Args: []any{s}} }

// In prints t in language l.
func (t Text) In(l Lang) string {
	if t.Format == "" && len(t.Args) == 0 {
		return ""
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		args[i] = argIn(a, l)
	}
	return fmt.Sprintf(strings.ReplaceAll(Translate(t.Format, l), "%w", "%v"), args...)
}

// Unwrap is the arguments of t that are errors (see Errorf).
func (t Text) Unwrap() []error {
	var errs []error
	for _, a := range t.Args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// argIn is a, printed in l when it is a message.
func argIn(a any, l Lang) any {
	switch a := a.(type) {
	case Localized:
		return a.In(l)
	case error:
		var t Text
		if errors.As(a, &t) && a.Error() == t.Error() {
			return t.In(l)
		}
	}
	return a
}

// Localized is a value printed differently in each language: a message,
// a language's name, an amount of money (2,100 or 2 100).
type Localized interface {
	In(Lang) string
}

// String is t in English.
func (t Text) String() string { return t.In(English) }

func (t Text) Error() string { return t.String() }

// IsZero says whether t holds no message.
func (t Text) IsZero() bool { return t.Format == "" && len(t.Args) == 0 }

// Translate is the format string of the English format key in language
// l: its French text from the catalog, or key itself.
func Translate(key string, l Lang) string {
	if l == French {
		if f, ok := french[key]; ok {
			return f
		}
	}
	return key
}

// Sprintf is the message format with args in language l.
func (l Lang) Sprintf(format string, args ...any) string {
	return New(format, args...).In(l)
}
