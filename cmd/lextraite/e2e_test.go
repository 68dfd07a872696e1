package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

const corpusDir = "../../../shared/corpus"

// buildBinary compiles the lextraite command into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "lextraite")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

func keys(m map[string]any) string {
	var k []string
	for x := range m {
		k = append(k, x)
	}
	sort.Strings(k)
	return strings.Join(k, ",")
}

// TestEndToEnd builds the binary, indexes the real corpus into a temporary
// folder, serves it on a free loopback port and checks a search, a
// document page and the three API shapes of DESIGN.md.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus partagé absent (%s) : test de bout en bout ignoré", corpusDir)
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	idx := filepath.Join(tmp, "index")

	out, err := exec.Command(bin, "index", "-corpus", corpusDir, "-index", idx).CombinedOutput()
	if err != nil {
		t.Fatalf("index: %v\n%s", err, out)
	}
	for _, want := range []string{"Fichiers vus : 3477", "Documents indexés :", "Dispositions (articles) :", "Fichiers non indexés :", "SOURCES.md"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("index summary lacks %q:\n%s", want, out)
		}
	}

	addr := freePort(t)
	srv := exec.Command(bin, "serve", "-index", idx, "-addr", addr)
	stdout, _ := srv.StdoutPipe()
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = srv.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- srv.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve did not stop cleanly on SIGINT: %v", err)
			}
		case <-time.After(15 * time.Second):
			_ = srv.Process.Kill()
			t.Error("serve did not stop within 15 s of SIGINT")
		}
	}()
	go func() { _, _ = io.Copy(io.Discard, bufio.NewReader(stdout)) }()
	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz not ready after 30 s: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}

	// /api/search: exact keys, and 225-4-1 first.
	var search map[string]any
	getJSON(t, base+"/api/search?q=225-4-1&limit=5", &search)
	if got := keys(search); got != "hits,query,took_ms,total" {
		t.Errorf("/api/search keys = %s", got)
	}
	hits, _ := search["hits"].([]any)
	if len(hits) == 0 {
		t.Fatal("no hit for 225-4-1")
	}
	hit := hits[0].(map[string]any)
	if got := keys(hit); got != "anchor,date,doc_id,doc_title,id,jurisdiction,kind,language,provision,score,snippet,source,url" {
		t.Errorf("hit keys = %s", got)
	}
	if hit["id"] != "fr-code-penal-traite-des-etres-humains/art-225-4-1" || hit["url"] != "/doc/fr-code-penal-traite-des-etres-humains#art-225-4-1" ||
		hit["source"] != "national/fr/code-penal-traite-des-etres-humains/article-225-4-1.md" {
		t.Errorf("first hit = %v", hit)
	}

	// Swiss numbers with a glued suffix, however typed: the article first.
	for _, q := range []string{"305bis", "art.+305bis+CP", "305+bis", "art.+260ter"} {
		var r map[string]any
		getJSON(t, base+"/api/search?limit=1&q="+q, &r)
		hits, _ := r["hits"].([]any)
		want := "ch-code-penal/art-" + strings.TrimPrefix(strings.ReplaceAll(strings.TrimSuffix(q, "+CP"), "+", ""), "art.")
		if len(hits) == 0 || hits[0].(map[string]any)["id"] != want {
			t.Errorf("%s: first hit %v, want %s", q, hits, want)
		}
	}

	// /api/doc
	var doc map[string]any
	getJSON(t, base+"/api/doc/un-protocole-traite-2000-fr", &doc)
	if got := keys(doc); got != "authority,date,frbr_uri,id,jurisdiction,kind,language,notes,number,provisions,short_titles,source,title,work_id" {
		t.Errorf("/api/doc keys = %s", got)
	}
	provs, _ := doc["provisions"].([]any)
	if len(provs) != 20 {
		t.Errorf("protocol has %d provisions, want 20", len(provs))
	} else if got := keys(provs[2].(map[string]any)); got != "anchor,heading,id,language,number,path,text" {
		t.Errorf("provision keys = %s", got)
	}

	// /api/provision
	var prov map[string]any
	getJSON(t, base+"/api/provision/un-protocole-traite-2000-fr/art-3", &prov)
	if got := keys(prov); got != "anchor,cited_by,cites,heading,id,language,number,path,text" {
		t.Errorf("/api/provision keys = %s", got)
	}
	if !strings.Contains(fmt.Sprint(prov["text"]), "«traite des personnes» désigne le recrutement") {
		t.Errorf("art. 3 text = %.200v", prov["text"])
	}

	// Search page and document page.
	for _, c := range []struct{ path, want string }{
		{"/recherche?q=etres+humains", "<mark>êtres</mark>"},
		{"/doc/fr-code-penal-traite-des-etres-humains", `id="art-225-4-1"`},
	} {
		resp, err := http.Get(base + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), c.want) {
			t.Errorf("GET %s: %d, want %q in page", c.path, resp.StatusCode, c.want)
		}
	}
}
