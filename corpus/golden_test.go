package corpus

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden from the real corpus")

// goldenDocs are documents of different shapes whose full outline is
// checked against testdata/golden. Each golden file was verified by
// reading its source (see the report of the structure issue).
var goldenDocs = []struct{ source, lang, name string }{
	{"national/fr/code-penal-traite-des-etres-humains", "", "fr-code-penal-traite"},
	{"national/bj/code-penal-2018", "", "bj-code-penal-2018"},
	{"international/ch-fedlex-md/RS-0.311.542-fr.md", "", "fedlex-0.311.542-fr"},
	{"international/un-trafficking-in-persons-protocol-2000-en-nl.md", "en", "un-protocol-2000-en"},
	{"international/un-trafficking-in-persons-protocol-2000-en-nl.md", "nl", "un-protocol-2000-nl"},
	{"regional/charte-africaine-droits-homme-peuples-1981-fr", "", "charte-africaine"},
	{"regional/traite-revise-cedeao-1993-fr-PARTIAL", "", "traite-cedeao"},
	{"decisions/fr/judilibre-samples/cass-sample_detail_resolved-19-19.463.json", "", "judilibre-19-19.463"},
	{"national/ca/lipr-I-2.5-fra.xml", "", "ca-lipr-xml"},
	{"national/ca/code-criminel-C-46-fra-markdown-conversion.md", "", "ca-code-criminel-md"},
	{"international/cedh-convention-europeenne-droits-homme-fr", "", "cedh"},
	{"international/ch-fedlex-md/RS-0.311.543-fr.md", "", "fedlex-0.311.543-fr"},
	{"international/convention-repression-traite-des-blanches-1910-fr-nl.md", "fr", "traite-blanches-1910-fr"},
	{"international/convention-repression-traite-des-blanches-1910-fr-nl.md", "nl", "traite-blanches-1910-nl"},
	{"national/ch/RS-311.0-code-penal-suisse-fr.md", "", "ch-code-penal-suisse"},
}

// formatOutline renders a document's metadata and outline, one node a
// line, indented by depth: anchor, kind, number as written → normalised,
// heading, and for articles the shape of their alinéas.
func formatOutline(d *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "id: %s\ntitle: %s\nkind: %s | jurisdiction: %s | language: %s | date: %s | number: %s\n",
		d.ID, d.Title, d.Kind, d.Jurisdiction, d.Language, d.Date, d.Number)
	fmt.Fprintf(&b, "preamble: %d characters | provisions: %d\n\n", len([]rune(d.Preamble)), len(d.Provisions))
	provs := map[string]*Provision{}
	for i := range d.Provisions {
		provs[d.Provisions[i].Anchor] = &d.Provisions[i]
	}
	WalkOutline(d.Outline, func(n *Node, depth int) {
		ind := strings.Repeat("  ", depth)
		switch n.Kind {
		case NodeArticle:
			fmt.Fprintf(&b, "%s%s | article %q → %q", ind, n.Anchor, n.Number, n.Norm)
			if n.Heading != "" {
				fmt.Fprintf(&b, " | %s", n.Heading)
			}
			if p := provs[n.Anchor]; p != nil {
				fmt.Fprintf(&b, " | %s", alineaShape(p.Alineas))
			}
			b.WriteByte('\n')
		default:
			fmt.Fprintf(&b, "%s%s | %s", ind, n.Anchor, n.Kind)
			if n.Label != "" {
				fmt.Fprintf(&b, " %q → %q", n.Label, n.Norm)
			}
			if n.Heading != "" {
				fmt.Fprintf(&b, " | %s", n.Heading)
			}
			b.WriteByte('\n')
		}
	})
	return b.String()
}

// alineaShape summarises alinéas: "al 3" then the labels of the alinéas
// and items, nested in brackets: "al 2: [1° 2° [a) b)]]".
func alineaShape(as []Alinea) string {
	var b strings.Builder
	fmt.Fprintf(&b, "al %d", len(as))
	var labels func([]Alinea) string
	labels = func(as []Alinea) string {
		var parts []string
		for _, a := range as {
			l := a.Label
			if l == "" {
				l = "¶"
			}
			if len(a.Items) > 0 {
				l += " [" + labels(a.Items) + "]"
			}
			parts = append(parts, l)
		}
		return strings.Join(parts, " ")
	}
	s := labels(as)
	if strings.Trim(s, "¶ ") != "" {
		b.WriteString(": " + s)
	}
	return b.String()
}

func TestGoldenOutlines(t *testing.T) {
	rep := realCorpus(t)
	for _, g := range goldenDocs {
		t.Run(g.name, func(t *testing.T) {
			d := docBySource(t, rep, g.source, g.lang)
			got := formatOutline(d)
			file := filepath.Join("testdata", "golden", g.name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGoldenOutlines -update)", err)
			}
			if got != string(want) {
				t.Errorf("outline of %s differs from %s:\n%s", g.source, file, firstDiff(string(want), got))
			}
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, w, g)
		}
	}
	return "(same lines)"
}
