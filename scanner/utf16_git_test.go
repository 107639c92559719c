package scanner_test

import (
	"context"
	"encoding/binary"
	"testing"
	"unicode/utf16"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// decodeUTF16At decodes n UTF-16 code units of data at off.
func decodeUTF16At(data []byte, off, n int, bigEndian bool) string {
	if off < 0 || off+2*n > len(data) {
		return ""
	}
	var order binary.ByteOrder = binary.LittleEndian
	if bigEndian {
		order = binary.BigEndian
	}
	units := make([]uint16, n)
	for i := range units {
		units[i] = order.Uint16(data[off+2*i:])
	}
	return string(utf16.Decode(units))
}

// checkUTF16Finding checks that f is secret at line in a UTF-16 file whose
// bytes are data: its offset points at the secret in the file, and its
// encoding names the byte order.
func checkUTF16Finding(t *testing.T, f scanner.Finding, secret string, line int, data []byte, bigEndian bool) {
	t.Helper()
	want := scanner.EncUTF16LE
	if bigEndian {
		want = scanner.EncUTF16BE
	}
	if f.Line != line || len(f.Encoding) == 0 || f.Encoding[0] != want {
		t.Errorf("%s: line %d, encoding %v; want line %d, %s first", f.File, f.Line, f.Encoding, line, want)
	}
	if got := decodeUTF16At(data, f.Offset, len(secret), bigEndian); got != secret {
		t.Errorf("%s: offset %d reads %q in the file, not the secret", f.File, f.Offset, got)
	}
}

// History finds tokens in UTF-16 files (PowerShell and .NET output), at
// their line in the text and their byte offset in the file, in every
// commit; with --no-decode such files are binary, as in the working tree.
func TestHistoryUTF16(t *testing.T) {
	x := newGitRepo(t, 51)
	r := testtoken.New(51)
	a, b, c := testtoken.BotToken(r), testtoken.BotToken(r), testtoken.BotToken(r)
	ps1 := encodeUTF16("# deploy\r\n$env:DISCORD_TOKEN = \""+a+"\"\r\n", false, true)
	notes := encodeUTF16("notes\nbot: "+b+"\n", true, false)
	x.write("deploy.ps1", string(ps1))
	x.write("notes.txt", string(notes))
	c1 := x.commit("utf-16 files")
	ps1v2 := encodeUTF16("# deploy\r\n$env:DISCORD_TOKEN = \""+a+"\"\r\n$env:SECOND = \""+c+"\"\r\n", false, true)
	x.write("deploy.ps1", string(ps1v2))
	c2 := x.commit("a second token")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	if len(res.Findings) != 3 {
		t.Fatalf("%d findings, want 3:\n%s", len(res.Findings), describe(res))
	}
	for _, f := range res.Findings {
		switch f.Secret {
		case a:
			checkUTF16Finding(t, f, a, 2, ps1, false)
			if f.Commit.SHA != c1 || f.Occurrences != 2 {
				t.Errorf("a: commit %s, occurrences %d; want %s, 2", f.Commit.SHA, f.Occurrences, c1)
			}
		case b:
			checkUTF16Finding(t, f, b, 2, notes, true)
		case c:
			checkUTF16Finding(t, f, c, 3, ps1v2, false)
			if f.Commit.SHA != c2 {
				t.Errorf("c: commit %s, want %s", f.Commit.SHA, c2)
			}
		default:
			t.Errorf("unexpected finding in %s", f.File)
		}
		if f.InHead == nil || !*f.InHead {
			t.Errorf("%s: in_head %s, want true", f.File, ptrString(f.InHead))
		}
	}

	res, err := scanner.ScanHistory(context.Background(), x.dir, scanner.HistoryOptions{
		Options: scanner.Options{Matcher: matcher().WithDecoding(false)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 || res.Stats.SkippedBinary != 3 {
		t.Errorf("--no-decode: %d findings, %d skipped as binary; want 0 and the 3 file versions", len(res.Findings), res.Stats.SkippedBinary)
	}
}

// Staged finds the tokens on the lines a change adds to a UTF-16 file, and
// not those its committed version already had.
func TestStagedUTF16(t *testing.T) {
	for _, bigEndian := range []bool{false, true} {
		repo := newStagedRepo(t)
		r := testtoken.New(52)
		a, b := testtoken.BotToken(r), testtoken.BotToken(r)
		repo.write("app.config", string(encodeUTF16("<add key=\"token\" value=\""+a+"\" />\r\n", bigEndian, true)))
		repo.git("add", "app.config")
		repo.commit("config")
		v2 := encodeUTF16("<add key=\"token\" value=\""+a+"\" />\r\n<add key=\"backup\" value=\""+b+"\" />\r\n", bigEndian, true)
		repo.write("app.config", string(v2))
		repo.git("add", "app.config")

		res, err := scanner.ScanStaged(context.Background(), repo.dir, scanner.Options{Matcher: matcher()})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 1 || res.Findings[0].Secret != b {
			t.Fatalf("big endian %v: staged found %d secrets, want only the added one", bigEndian, len(res.Findings))
		}
		checkUTF16Finding(t, res.Findings[0], b, 2, v2, bigEndian)
	}
}
