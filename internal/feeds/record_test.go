package feeds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestRecordRoundTrip: a record written reads back as it was given, in
// its order, and writes back to the same bytes.
func TestRecordRoundTrip(t *testing.T) {
	a := RecordPosting{URL: "https://x.org/fr/a/", Status: Open, Hash: "sha256:1"}
	b := RecordPosting{URL: "https://x.org/en/b/", Status: Closed}
	var one, two bytes.Buffer
	if err := WriteRecord(&one, Record{Postings: []RecordPosting{a, b}}); err != nil {
		t.Fatal(err)
	}
	rec, err := ReadRecord(one.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if rec.Version != RecordVersion || len(rec.Postings) != 2 || rec.Postings[0] != a || rec.Postings[1] != b {
		t.Errorf("read back %+v", rec)
	}
	WriteRecord(&two, rec)
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Errorf("written again:\n%s\nwas\n%s", two.Bytes(), one.Bytes())
	}
}

func TestReadRecordRefuses(t *testing.T) {
	tests := []struct{ name, data, says string }{
		{"not JSON", "<html>", "not a record of postings"},
		{"another version", `{"version": 2, "postings": []}`, "version 2"},
		{"no version", `{"postings": []}`, "version 0"},
		{"no url", `{"version": 1, "postings": [{"status": "open"}]}`, "without url"},
		{"twice", `{"version": 1, "postings": [{"url": "u", "status": "open"}, {"url": "u", "status": "closed"}]}`, "listed twice"},
		{"unknown status", `{"version": 1, "postings": [{"url": "u", "status": "draft"}]}`, `status "draft"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadRecord([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("ReadRecord: %v; want an error saying %q", err, tt.says)
			}
		})
	}
}

// marshalRecord is what WriteRecord writes, as encoding/json writes it.
func marshalRecord(t testing.TB, rec Record) []byte {
	rec.Version = RecordVersion
	if rec.Postings == nil {
		rec.Postings = []RecordPosting{}
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(data, '\n')
}

// TestWriteRecordIsMarshalIndent: the record written by hand is, byte for
// byte, the one json.MarshalIndent writes, strings to escape included.
func TestWriteRecordIsMarshalIndent(t *testing.T) {
	tests := []struct {
		name string
		rec  Record
	}{
		{"none", Record{}},
		{"empty", Record{Postings: []RecordPosting{}}},
		{"one open", Record{Postings: []RecordPosting{{URL: "https://x.org/fr/a/", Status: Open, Hash: "sha256:ab"}}}},
		{"one closed", Record{Postings: []RecordPosting{{URL: "https://x.org/fr/a/", Status: Closed}}}},
		{"unsorted", Record{Postings: []RecordPosting{{URL: "https://x.org/fr/b/", Status: Open, Hash: "h"}, {URL: "https://x.org/en/a/", Status: Closed}}}},
		{"to escape", Record{Postings: []RecordPosting{{URL: "https://x.org/fr/é\"<a>&\\\n\x01\u2028\u2029\xff/", Status: "\x7f", Hash: "<>"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := WriteRecord(&got, tt.rec); err != nil {
				t.Fatal(err)
			}
			if want := marshalRecord(t, tt.rec); !bytes.Equal(got.Bytes(), want) {
				t.Errorf("WriteRecord wrote\n%s\nwhere MarshalIndent writes\n%s", got.Bytes(), want)
			}
		})
	}
}

// FuzzWriteRecord: any record is written as json.MarshalIndent writes it.
func FuzzWriteRecord(f *testing.F) {
	f.Add("https://x.org/fr/a/", "open", "sha256:1", "https://x.org/en/b/", "closed", "")
	f.Add("é\"<>&\\\n\u2028", "\x00\xff", "\x7f", "", "", "h")
	f.Fuzz(func(t *testing.T, url1, status1, hash1, url2, status2, hash2 string) {
		rec := Record{Postings: []RecordPosting{{URL: url1, Status: status1, Hash: hash1}, {URL: url2, Status: status2, Hash: hash2}}}
		var got bytes.Buffer
		if err := WriteRecord(&got, rec); err != nil {
			t.Fatal(err)
		}
		if want := marshalRecord(t, rec); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("WriteRecord wrote\n%q\nwhere MarshalIndent writes\n%q", got.Bytes(), want)
		}
	})
}

// BenchmarkWriteRecord: the record of 10,000 postings in two languages,
// written by WriteRecord and, for comparison, by json.MarshalIndent.
func BenchmarkWriteRecord(b *testing.B) {
	rec := Record{Postings: make([]RecordPosting, 20000)}
	for i := range rec.Postings {
		rec.Postings[i] = RecordPosting{URL: fmt.Sprintf("https://jobs.example.org/fr/poste-%05d/", i), Status: Open,
			Hash: fmt.Sprintf("sha256:%064x", i)}
	}
	b.Run("WriteRecord", func(b *testing.B) {
		for b.Loop() {
			WriteRecord(io.Discard, rec)
		}
	})
	b.Run("MarshalIndent", func(b *testing.B) {
		for b.Loop() {
			marshalRecord(b, rec)
		}
	})
}
