package corpus

// Build output: minified one-line JS bundles, their source maps, and small
// binary files.

var fmtMinJS = &format{
	name: "minified-js",
	header: parseAll(`/*! «w»-«w» v«ver» | (c) «w» | MIT License */
!function(e,t){"object"==typeof exports&&"undefined"!=typeof module?module.exports=t():"function"==typeof define&&define.amd?define(t):(e=e||self).«Id»=t()}(this,function(){"use strict";`),
	sep:    ";",
	footer: "});\n//# sourceMappingURL=app.min.js.map\n",
	blocks: parseAll(`function «cid»(e,t){return e&&e.«cid»?e.«cid»(t):null}`,
		`var «cid»=function(e){var t=e.«cid»,n=e.«cid»;return t?n.«cid»(t,«n»):{}}`,
		`Object.defineProperty(t,"__esModule",{value:!0}),t.«cid»=void 0`,
		`const «cid»={«cid»:«n»,«cid»:"«w»",«cid»:!1,guild:"«sf»"}`,
		`e.exports=function(e){return fetch("https://discord.com/api/v10/"+e,{method:"GET"}).then(function(e){return e.json()})}`,
		`for(var r=0,o=e.length;r<o;r++)if(e[r].«cid»===t)return e[r]`,
		`class «Id» extends «Id»{constructor(e){super(e),this.«cid»=e.«cid»||«n»,this.cache=new Map}get «cid»(){return this.cache.size}}`,
		`n.d(t,{«cid»:function(){return «cid»},«cid»:function(){return «cid»}})`,
		`try{localStorage.setItem("«w»",JSON.stringify({«cid»:«n»}))}catch(e){console.warn("«s»",e)}`),
}

// sourceMapChars are the characters of a source map's "mappings" field.
const sourceMapChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/;,;,,,"

var sourceMapHeader = parse(`{"version":3,"file":"app.min.js","sources":["webpack://«w»/./src/«w».js","webpack://«w»/./src/«w»/«w».ts","webpack://«w»/./node_modules/«w»/index.js"],"names":["e","t","n","«cid»","«cid»","«cid»"],"mappings":"`)

var fmtSourceMap = &format{
	name: "source-map",
	render: func(g *gen, size int, _ []string) {
		g.render(sourceMapHeader)
		for len(g.buf) < size {
			v := g.r.Uint64()
			for k := 0; k+7 <= 64; k += 7 {
				g.buf = append(g.buf, sourceMapChars[int(v>>k&127)%len(sourceMapChars)])
			}
		}
		g.buf = append(g.buf, `","sourceRoot":""}`+"\n"...)
	},
}

var pngHeader = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x80\x00\x00\x00\x80\x08\x06\x00\x00\x00")

var fmtBinary = &format{
	name: "binary",
	render: func(g *gen, size int, _ []string) {
		g.buf = append(g.buf, pngHeader...)
		for len(g.buf) < size {
			v := g.r.Uint64()
			for k := 0; k < 64; k += 8 {
				g.buf = append(g.buf, byte(v>>k))
			}
		}
	},
}
