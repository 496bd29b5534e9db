// Command release builds the archives of a jobboard release: the jobboard
// executable for Linux, macOS and Windows on amd64 and arm64, each with the
// README, as .tar.gz (.zip for Windows), and checksums.txt (SHA-256), so
// that staff on a computer without Go can run it.
//
//	go run .ci/release/main.go -version v0.3.0 -out dist
//
// Run from the repository's root. It uses the standard library and the Go
// toolchain only: no network, nothing to install.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"
)

var targets = []struct{ goos, goarch string }{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

func main() {
	version := flag.String("version", "snapshot", "the `version` the archives are named after (vX.Y.Z)")
	out := flag.String("out", "dist", "write the archives into this `folder` (emptied first)")
	flag.Parse()
	log.SetFlags(0)
	if err := os.RemoveAll(*out); err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		log.Fatal(err)
	}
	sums := map[string][sha256.Size]byte{}
	for _, t := range targets {
		name := fmt.Sprintf("jobboard_%s_%s_%s", *version, t.goos, t.goarch)
		exe, err := build(t.goos, t.goarch, *version)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		files := []file{{"jobboard", exe, 0o755}, {"README.md", readme, 0o644}}
		var archive []byte
		if t.goos == "windows" {
			files[0].name = "jobboard.exe"
			name += ".zip"
			archive, err = zipOf(files)
		} else {
			name += ".tar.gz"
			archive, err = tarGzOf(files)
		}
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(*out, name), archive, 0o644); err != nil {
			log.Fatal(err)
		}
		sums[name] = sha256.Sum256(archive)
		fmt.Printf("%s: %d KB\n", name, len(archive)/1024)
	}
	var names []string
	for n := range sums {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, n := range names {
		fmt.Fprintf(&b, "%x  %s\n", sums[n], n)
	}
	if err := os.WriteFile(filepath.Join(*out, "checksums.txt"), b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

type file struct {
	name string
	data []byte
	mode int64
}

// build cross-compiles ./cmd/jobboard, reproducibly (-trimpath, no cgo).
func build(goos, goarch, version string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "jobboard-release-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	exe := filepath.Join(tmp, "jobboard")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", exe, "./cmd/jobboard")
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	return os.ReadFile(exe)
}

// epoch dates the archives' files, so that the same source gives the same
// archives.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func tarGzOf(files []file) ([]byte, error) {
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for _, f := range files {
		hdr := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: epoch, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	err := gz.Close()
	return b.Bytes(), err
}

func zipOf(files []file) ([]byte, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		hdr := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: epoch}
		hdr.SetMode(os.FileMode(f.mode))
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, bytes.NewReader(f.data)); err != nil {
			return nil, err
		}
	}
	err := zw.Close()
	return b.Bytes(), err
}
