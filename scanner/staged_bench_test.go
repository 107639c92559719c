package scanner_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// BenchmarkStagedOneFile measures a pre-commit run: one staged file with a
// token in a repository of 10,000 committed files in 100 folders. The
// target is under 150 ms per run (issue 3).
func BenchmarkStagedOneFile(b *testing.B) {
	needGit(b)
	dir := b.TempDir()
	env := append(gitEnv(b), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com")
	gitInit(b, env, dir)
	for i := range 10000 {
		writeFile(b, dir, fmt.Sprintf("pkg%02d/file%04d.go", i%100, i), fmt.Sprintf("package pkg\n\nconst n%d = %d\n", i, i))
	}
	git(b, env, dir, "add", ".")
	git(b, env, dir, "-c", "gc.auto=0", "commit", "-q", "-m", "base")
	git(b, env, dir, "repack", "-adq")
	writeFile(b, dir, "pkg07/file0007.go", "package pkg\n\nconst token = \""+testtoken.BotToken(testtoken.New(3))+"\"\n")
	git(b, env, dir, "add", ".")
	opts := scanner.Options{Matcher: matcher()}
	b.ResetTimer()
	for b.Loop() {
		res, err := scanner.ScanStaged(context.Background(), dir, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Findings) != 1 {
			b.Fatalf("%d findings, want 1", len(res.Findings))
		}
	}
}
