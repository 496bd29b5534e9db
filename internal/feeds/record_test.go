package feeds

import (
	"bytes"
	"strings"
	"testing"
)

// TestRecordRoundTrip: a record written reads back sorted by URL, and
// the same record gives the same bytes whatever the order it is given in.
func TestRecordRoundTrip(t *testing.T) {
	a := RecordPosting{URL: "https://x.org/fr/a/", Status: Open, Hash: "sha256:1"}
	b := RecordPosting{URL: "https://x.org/en/b/", Status: Closed}
	var one, two bytes.Buffer
	if err := WriteRecord(&one, Record{Postings: []RecordPosting{a, b}}); err != nil {
		t.Fatal(err)
	}
	WriteRecord(&two, Record{Postings: []RecordPosting{b, a}})
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Errorf("the order given changes the bytes:\n%s\n%s", one.Bytes(), two.Bytes())
	}
	rec, err := ReadRecord(one.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if rec.Version != RecordVersion || len(rec.Postings) != 2 || rec.Postings[0] != b || rec.Postings[1] != a {
		t.Errorf("read back %+v", rec)
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
