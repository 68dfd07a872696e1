package site

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// Sizes of a working set.
const (
	minCompare = 2
	maxCompare = 4
	maxExport  = 50
)

// parseWorkset reads the provision ids of the `p` parameters
// ("{doc_id}/{anchor}"), in order, without duplicates, and finds each.
func (srv *server) parseWorkset(v url.Values, lo, hi int) ([]provisionView, error) {
	var ids []string
	for _, id := range v["p"] {
		id = strings.TrimSpace(id)
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) < lo || len(ids) > hi {
		return nil, badRequest("choisissez de %d à %d dispositions (cases à cocher) ; vous en avez choisi %d", lo, hi, len(ids))
	}
	var out []provisionView
	for _, id := range ids {
		docID, anchor, ok := strings.Cut(id, "/")
		if !ok || !idPattern.MatchString(docID) || !idPattern.MatchString(anchor) {
			return nil, badRequest("identifiant de disposition invalide « %s » : la forme est document/ancre", truncateRunes(id, 80))
		}
		d, err := srv.lookupDocument(docID)
		if err != nil {
			return nil, err
		}
		p, ok := findProvision(d, anchor)
		if !ok {
			return nil, notFound("aucune disposition « %s » dans le document « %s »", anchor, docID)
		}
		out = append(out, srv.provisionViewOf(d, p))
	}
	return out, nil
}

// worksetURL is the address of path with the working set's ids.
func worksetURL(path string, items []provisionView, extra ...string) string {
	v := url.Values{}
	for _, it := range items {
		v.Add("p", it.ID)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return path + "?" + v.Encode()
}

// idsURL is the address of path with provision ids as p parameters.
func idsURL(path string, ids []string) string {
	v := url.Values{}
	for _, id := range ids {
		v.Add("p", id)
	}
	return path + "?" + v.Encode()
}

// handleCompare serves /comparer?p=…&p=…: 2 to 4 provisions side by side,
// in a table whose rows align the documents, the article headings, the
// breadcrumbs, the warnings and then the texts paragraph by paragraph.
func (srv *server) handleCompare(c *gin.Context) error {
	items, err := srv.parseWorkset(c.Request.URL.Query(), minCompare, maxCompare)
	if err != nil {
		return err
	}
	p := &comparePage{basePage: srv.base(c, "Comparaison de dispositions"), Items: items,
		ExportMD:  worksetURL("/export", items, "format", "md"),
		ExportHTM: worksetURL("/export", items, "format", "html")}
	rows := 0
	for _, it := range items {
		rows = max(rows, len(it.Paragraphs))
	}
	for r := range rows {
		row := compareRow{Label: "Alinéa " + strconv.Itoa(r+1)}
		if rows == 1 {
			row.Label = "Texte"
		}
		for _, it := range items {
			cell := compareCell{Lang: it.DocLang}
			if r < len(it.Paragraphs) {
				cell.Text = it.Paragraphs[r]
			}
			row.Cells = append(row.Cells, cell)
		}
		p.Rows = append(p.Rows, row)
	}
	srv.render(c, 200, "compare", p)
	return nil
}

// handleExport serves /export?p=…&format=md|html: a Markdown download or a
// printable page, each provision with its full reference and permalink.
func (srv *server) handleExport(c *gin.Context) error {
	format := c.Query("format")
	if format == "" {
		format = "html"
	}
	if format != "md" && format != "html" {
		return badRequest("format d'export inconnu « %s » : choisissez md ou html", truncateRunes(format, 20))
	}
	items, err := srv.parseWorkset(c.Request.URL.Query(), 1, maxExport)
	if err != nil {
		return err
	}
	if format == "md" {
		c.Header("Content-Disposition", `attachment; filename="lextraite-extraits.md"`)
		srv.write(c, 200, "text/markdown; charset=utf-8", []byte(markdownExport(items, srv.cfg.PublicURL)))
		return nil
	}
	p := &exportPage{basePage: srv.base(c, "Extraits choisis"), Items: items,
		ExportMD: worksetURL("/export", items, "format", "md")}
	p.Bare = true
	srv.render(c, 200, "export", p)
	return nil
}

// markdownExport writes the provisions as Markdown: a heading with the
// reference, the breadcrumb, the text and the permalink.
func markdownExport(items []provisionView, publicURL string) string {
	var b strings.Builder
	b.WriteString("# Extraits — lextraite\n\n")
	if publicURL == "" {
		b.WriteString("Liens relatifs au site lextraite.\n\n")
	}
	for _, it := range items {
		b.WriteString("## " + mdEscape(oneLine(it.Label)))
		if it.Heading != "" {
			b.WriteString(" — " + mdEscape(oneLine(it.Heading)))
		}
		b.WriteString("\n\n")
		b.WriteString("*" + mdEscape(oneLine(it.DocTitle)) + "*")
		if len(it.Path) > 0 {
			b.WriteString(" — " + mdEscape(oneLine(strings.Join(it.Path, " › "))))
		}
		b.WriteString("\n\n")
		for _, para := range it.Paragraphs {
			b.WriteString(mdEscape(para) + "\n\n")
		}
		for _, w := range it.Warnings {
			b.WriteString("> - Attention : " + mdEscape(oneLine(w)) + "\n")
		}
		if len(it.Warnings) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("Référence : " + mdEscape(oneLine(it.Reference)) + "  \n")
		b.WriteString("Lien : <" + it.Permalink + ">\n\n")
	}
	return b.String()
}

// mdEscape escapes legal text for Markdown (CommonMark §2.4, backslash
// escapes) so that it reads as written once rendered: "*", "_", "[", "<",
// "`" and the like stay characters, and a line that starts like a list
// item or a heading ("1. Les États…", "- a)", "# ") stays a line of text
// instead of becoming a renumbered list or a title.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		ind := l[:len(l)-len(t)]
		switch {
		case strings.HasPrefix(t, "#"), strings.HasPrefix(t, "+"), strings.HasPrefix(t, "-"), strings.HasPrefix(t, "="):
			lines[i] = ind + "\\" + t
		default:
			if m := reListNumber.FindStringIndex(t); m != nil {
				lines[i] = ind + t[:m[1]-1] + "\\" + t[m[1]-1:]
			}
		}
	}
	return strings.Join(lines, "\n")
}

// reListNumber is what would start an ordered list item: "12." or "3)".
var reListNumber = regexp.MustCompile(`^\d{1,9}[.)]`)

// oneLine folds newlines so a value stays on its Markdown line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
