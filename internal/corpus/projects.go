package corpus

import "fmt"

// A project adds the files of one repository-like folder at root, about
// budget bytes of them.
type project struct {
	kind   string
	weight int // how often the kind is picked once each kind has appeared
	add    func(p *planner, root string, budget int64)
}

var projects = []project{
	{"python", 4, (*planner).pythonProject},
	{"node", 3, func(p *planner, root string, budget int64) { p.nodeProject(root, budget, false) }},
	{"typescript", 3, func(p *planner, root string, budget int64) { p.nodeProject(root, budget, true) }},
	{"go", 2, (*planner).goProject},
	{"java", 2, (*planner).javaProject},
	{"csharp", 1, (*planner).csharpProject},
	{"php", 1, (*planner).phpProject},
	{"ruby", 1, (*planner).rubyProject},
	{"rust", 1, (*planner).rustProject},
	{"infra", 1, (*planner).infraProject},
	{"docs", 1, (*planner).docsProject},
}

// common adds what most repositories hold at their root.
func (p *planner) common(root string) {
	p.add(root+"/README.md", fmtMarkdown, p.between(1500, 12000), "")
	p.add(root+"/docs/"+p.name("-")+".md", fmtMarkdown, p.srcSize(), "")
}

func (p *planner) pythonProject(root string, budget int64) {
	start := p.total
	pkg := p.name("_")
	p.common(root)
	p.add(root+"/pyproject.toml", fmtTOML, p.between(800, 3000), "")
	p.add(root+"/settings.ini", fmtINI, p.between(500, 4000), "")
	p.add(root+"/.env", fmtEnv, p.between(200, 900), "")
	p.add(root+"/config/"+p.name("_")+".yaml", fmtYAML, p.between(500, 6000), "")
	p.add(root+"/notebooks/"+p.name("-")+".ipynb", fmtNotebook, p.logSize(40<<10, 0.8, 8<<10, int(min(budget/8+8<<10, 1<<20))), "")
	p.add(root+"/logs/bot.log", fmtLog, p.between(20000, 400000), ignLog)
	p.add(root+"/secrets.local.env", fmtEnv, p.between(200, 600), ignLocalEnv)
	p.add(root+"/src/"+pkg+"/__pycache__/"+p.word()+".cpython-311.pyc", fmtBinary, p.between(2000, 20000), ignPycache)
	p.ignoredFill(budget/6, ignVenv, func() (string, *format, int) {
		return fmt.Sprintf("%s/.venv/lib/python3.11/site-packages/%s/%s.py", root, p.word(), p.name("_")), fmtPython, p.srcSize()
	})
	src := p.dirs(root+"/src/"+pkg, 2+int(budget>>20), "_")
	p.fill(root, start, budget, []bulk{
		{10, func() (string, *format, int) {
			return pick(p.r, src)[len(root)+1:] + "/" + p.name("_") + ".py", fmtPython, p.srcSize()
		}},
		{3, func() (string, *format, int) { return "tests/test_" + p.name("_") + ".py", fmtPython, p.srcSize() }},
		{1, func() (string, *format, int) {
			return "notebooks/" + p.name("-") + ".ipynb", fmtNotebook, p.logSize(60<<10, 0.8, 8<<10, 1<<20)
		}},
		{1, func() (string, *format, int) { return "docs/" + p.name("-") + ".md", fmtMarkdown, p.srcSize() }},
		{1, func() (string, *format, int) { return "config/" + p.name("_") + ".yaml", fmtYAML, p.between(400, 8000) }},
	})
}

func (p *planner) nodeProject(root string, budget int64, ts bool) {
	start := p.total
	ext, f := ".js", fmtJS
	if ts {
		ext, f = ".ts", fmtTS
		p.add(root+"/tsconfig.json", fmtJSON, p.between(400, 1500), "")
	}
	p.common(root)
	p.addRaw(root+"/.gitignore", "dist/\ncoverage/\n*.local.json\n!keep.log\n")
	p.add(root+"/package.json", fmtJSON, p.between(800, 3000), "")
	p.add(root+"/package-lock.json", fmtPackageLock, p.logSize(150<<10, 0.7, 4<<10, int(min(budget/8+4<<10, 2<<20))), "")
	p.add(root+"/.env", fmtEnv, p.between(200, 900), "")
	p.add(root+"/.env.example", fmtEnv, p.between(200, 600), "")
	p.add(root+"/secrets.local.env", fmtEnv, p.between(200, 600), ignLocalEnv)
	p.add(root+"/config/dev.local.json", fmtJSON, p.between(300, 3000), ignLocalJSON)
	p.add(root+"/logs/app.log", fmtLog, p.between(20000, 300000), ignLog)
	p.add(root+"/logs/keep.log", fmtLog, p.between(2000, 20000), "") // re-included by !keep.log
	bundleBudget := min(budget/5, 6<<20)
	for used := int64(0); used < bundleBudget; {
		name := fmt.Sprintf("%s/public/assets/%s.%08x.min.js", root, p.word(), p.r.Uint32())
		size := p.between(int(min(100<<10, budget/10)), int(min(2500<<10, budget/4)))
		p.add(name, fmtMinJS, size, "")
		p.add(name+".map", fmtSourceMap, size/2+p.r.IntN(size), "")
		used += int64(size + size)
	}
	p.add(root+"/dist/bundle.min.js", fmtMinJS, p.between(int(min(50<<10, budget/20)), int(min(1<<20, budget/10))), ignDist)
	p.ignoredFill(budget/4, ignNodeModules, func() (string, *format, int) {
		pkg := root + "/node_modules/" + p.name("-")
		switch p.r.IntN(4) {
		case 0:
			return pkg + "/package.json", fmtJSON, p.between(500, 3000)
		case 1:
			return pkg + "/README.md", fmtMarkdown, p.srcSize()
		}
		return pkg + "/lib/" + p.name("-") + ".js", fmtJS, p.srcSize()
	})
	src := p.dirs(root+"/src", 2+int(budget>>20), "-")
	p.fill(root, start, budget, []bulk{
		{10, func() (string, *format, int) {
			return pick(p.r, src)[len(root)+1:] + "/" + p.name("-") + ext, f, p.srcSize()
		}},
		{3, func() (string, *format, int) { return "test/" + p.name("-") + ".test" + ext, f, p.srcSize() }},
		{1, func() (string, *format, int) { return "config/" + p.name("-") + ".json", fmtJSON, p.between(400, 8000) }},
		{1, func() (string, *format, int) { return "docs/" + p.name("-") + ".md", fmtMarkdown, p.srcSize() }},
	})
}

func (p *planner) goProject(root string, budget int64) {
	start := p.total
	p.common(root)
	p.add(root+"/go.sum", fmtGoSum, p.logSize(30<<10, 0.8, 2<<10, 400<<10), "")
	p.add(root+"/config.toml", fmtTOML, p.between(500, 4000), "")
	p.add(root+"/deploy/"+p.name("-")+".yaml", fmtYAML, p.between(1000, 8000), "")
	// Not ignored: the root .gitignore's /build/ is anchored to the root.
	p.add(root+"/build/package.sh", fmtShell, p.between(800, 5000), "")
	pkgs := p.dirs(root+"/internal", 2+int(budget>>20), "")
	p.fill(root, start, budget, []bulk{
		{10, func() (string, *format, int) {
			return pick(p.r, pkgs)[len(root)+1:] + "/" + p.name("") + ".go", fmtGo, p.srcSize()
		}},
		{4, func() (string, *format, int) {
			return pick(p.r, pkgs)[len(root)+1:] + "/" + p.name("") + "_test.go", fmtGo, p.srcSize()
		}},
		{1, func() (string, *format, int) { return "cmd/" + p.name("") + "/main.go", fmtGo, p.srcSize() }},
	})
}

func (p *planner) javaProject(root string, budget int64) {
	start := p.total
	p.common(root)
	p.addRaw(root+"/.gitignore", "build/\n.gradle/\n*.class\n")
	p.add(root+"/src/main/resources/application.yml", fmtYAML, p.between(500, 5000), "")
	p.add(root+"/src/main/resources/application.properties", fmtProperties, p.between(300, 3000), "")
	p.add(root+"/build/resources/main/application.properties", fmtProperties, p.between(300, 3000), ignJavaBuild)
	p.add(root+"/build/classes/java/main/"+p.pascal()+".class", fmtBinary, p.between(1000, 30000), ignJavaBuild)
	base := "src/main/java/com/" + p.word() + "/" + p.word()
	pkgs := p.dirs(root+"/"+base, 2+int(budget>>20), "")
	p.fill(root, start, budget, []bulk{
		{10, func() (string, *format, int) {
			return pick(p.r, pkgs)[len(root)+1:] + "/" + p.pascal() + ".java", fmtJava, p.srcSize()
		}},
		{3, func() (string, *format, int) {
			return "src/test/java/com/" + p.word() + "/" + p.pascal() + "Test.java", fmtJava, p.srcSize()
		}},
	})
}

func (p *planner) csharpProject(root string, budget int64) {
	start := p.total
	p.common(root)
	p.addRaw(root+"/.gitignore", "bin/\nobj/\n*.user\n")
	p.add(root+"/appsettings.json", fmtJSON, p.between(500, 4000), "")
	p.add(root+"/appsettings.Development.json", fmtJSON, p.between(300, 2000), "")
	p.add(root+"/obj/Debug/net8.0/appsettings.json", fmtJSON, p.between(500, 4000), ignObj)
	dirs := p.dirs(root+"/src/"+p.pascal(), 2+int(budget>>20), "")
	p.fill(root, start, budget, []bulk{
		{1, func() (string, *format, int) {
			return pick(p.r, dirs)[len(root)+1:] + "/" + p.pascal() + ".cs", fmtCSharp, p.srcSize()
		}},
	})
}

func (p *planner) phpProject(root string, budget int64) {
	start := p.total
	p.common(root)
	p.addRaw(root+"/.gitignore", "vendor/\n.phpunit.result.cache\n")
	p.add(root+"/composer.json", fmtJSON, p.between(500, 3000), "")
	p.add(root+"/.env", fmtEnv, p.between(300, 1500), "")
	p.add(root+"/config/services.php", fmtPHP, p.between(1000, 8000), "")
	p.ignoredFill(budget/8, ignVendor, func() (string, *format, int) {
		return root + "/vendor/" + p.word() + "/" + p.name("-") + "/src/" + p.pascal() + ".php", fmtPHP, p.srcSize()
	})
	dirs := p.dirs(root+"/src", 2+int(budget>>20), "")
	p.fill(root, start, budget, []bulk{
		{1, func() (string, *format, int) {
			return pick(p.r, dirs)[len(root)+1:] + "/" + p.pascal() + ".php", fmtPHP, p.srcSize()
		}},
	})
}

func (p *planner) rubyProject(root string, budget int64) {
	start := p.total
	p.common(root)
	p.addRaw(root+"/.gitignore", "tmp/\n!log/audit.log\n")
	p.add(root+"/config/"+p.name("_")+".yml", fmtYAML, p.between(500, 5000), "")
	p.add(root+"/log/development.log", fmtLog, p.between(20000, 300000), ignLog)
	p.add(root+"/log/audit.log", fmtLog, p.between(2000, 20000), "") // re-included by !log/audit.log
	p.add(root+"/tmp/cache/"+p.word()+".yml", fmtYAML, p.between(500, 5000), ignTmp)
	dirs := p.dirs(root+"/lib/"+p.name("_"), 2+int(budget>>20), "_")
	p.fill(root, start, budget, []bulk{
		{4, func() (string, *format, int) {
			return pick(p.r, dirs)[len(root)+1:] + "/" + p.name("_") + ".rb", fmtRuby, p.srcSize()
		}},
		{1, func() (string, *format, int) { return "spec/" + p.name("_") + "_spec.rb", fmtRuby, p.srcSize() }},
	})
}

func (p *planner) rustProject(root string, budget int64) {
	start := p.total
	p.common(root)
	p.addRaw(root+"/.gitignore", "/target\n")
	p.add(root+"/Cargo.toml", fmtTOML, p.between(500, 3000), "")
	p.add(root+"/Cargo.lock", fmtCargoLock, p.logSize(40<<10, 0.7, 4<<10, 300<<10), "")
	p.add(root+"/target/debug/build/"+p.name("-")+"/out/generated.rs", fmtRust, p.srcSize(), ignTarget)
	dirs := p.dirs(root+"/src", 2+int(budget>>20), "_")
	p.fill(root, start, budget, []bulk{
		{1, func() (string, *format, int) {
			return pick(p.r, dirs)[len(root)+1:] + "/" + p.name("_") + ".rs", fmtRust, p.srcSize()
		}},
	})
}

func (p *planner) infraProject(root string, budget int64) {
	start := p.total
	p.common(root)
	p.add(root+"/docker-compose.yml", fmtYAML, p.between(1000, 6000), "")
	p.add(root+"/.env.production", fmtEnv, p.between(300, 1500), "")
	p.add(root+"/ansible/inventory.ini", fmtINI, p.between(500, 6000), "")
	p.fill(root, start, budget, []bulk{
		{3, func() (string, *format, int) {
			return "scripts/" + p.name("-") + ".sh", fmtShell, p.between(500, 12000)
		}},
		{3, func() (string, *format, int) {
			return "k8s/" + p.word() + "/" + p.name("-") + ".yaml", fmtYAML, p.between(800, 12000)
		}},
		{1, func() (string, *format, int) {
			return ".github/workflows/" + p.name("-") + ".yml", fmtYAML, p.between(800, 6000)
		}},
		{1, func() (string, *format, int) {
			return "ansible/group_vars/" + p.word() + ".ini", fmtINI, p.between(400, 4000)
		}},
	})
}

func (p *planner) docsProject(root string, budget int64) {
	start := p.total
	p.add(root+"/mkdocs.yml", fmtYAML, p.between(500, 3000), "")
	dirs := p.dirs(root+"/docs", 2+int(budget>>20), "-")
	p.fill(root, start, budget, []bulk{
		{1, func() (string, *format, int) {
			return pick(p.r, dirs)[len(root)+1:] + "/" + p.name("-") + ".md", fmtMarkdown, p.srcSize()
		}},
	})
}

// groups are the top-level folders projects live in.
var groups = []string{"services", "apps", "libs", "tools", "bots", "packages/internal", "packages/public", "experiments"}

// planTree lays out the whole tree for about target bytes.
func (p *planner) planTree(target int64) {
	p.addRaw(".gitignore", rootGitignore)
	p.add("README.md", fmtMarkdown, 4000, "")
	p.add("build/app.min.js", fmtMinJS, p.between(20<<10, 200<<10), ignRootBuild)
	p.add("build/deploy.sh", fmtShell, p.between(500, 3000), ignRootBuild)
	p.add("scratch/notes.md", fmtMarkdown, p.between(500, 5000), ignScratch)
	p.add(".github/workflows/ci.yml", fmtYAML, p.between(800, 3000), "")

	n := max(int64(2*len(projects)), target/(24<<20))
	per := target / n
	totalWeight := 0
	for _, pr := range projects {
		totalWeight += pr.weight
	}
	for i := 0; p.total < target; i++ {
		pr := projects[i%len(projects)]
		if i >= len(projects) {
			k := p.r.IntN(totalWeight)
			for _, c := range projects {
				if k -= c.weight; k < 0 {
					pr = c
					break
				}
			}
		}
		budget := min(per/2+p.r.Int64N(per+1), target-p.total)
		root := pick(p.r, groups) + "/" + p.name("-")
		if p.paths[root] {
			root += fmt.Sprintf("-%d", i)
		}
		p.paths[root] = true
		pr.add(p, root, max(budget, 16<<10))
	}
}
