fn main() {
    let rules = crosscheck::RuleSet::embedded().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let arg = std::env::args().nth(1).unwrap();
    if arg == "examples" {
        for r in &rules.rules {
            for x in crosscheck::examples::run_rule(&rules, r) {
                println!("{} #{} {} {} {}", x.rule, x.index, x.lang, if x.passed { "ok" } else { "FAIL" }, x.problem.unwrap_or_default());
            }
        }
        return;
    }
    let src = crosscheck::source::read(&arg, 1 << 30).unwrap();
    let mut a = crosscheck::Analysis::new(src, &rules, &Default::default()).unwrap();
    a.check(&rules.rules);
    for c in &a.claims {
        println!("{:?} {:?} speaker={:?} [{}] props={:?}", c.form, c.source_kind, c.speaker.map(|e| &a.entities[e].label), &a.source.text[c.content.0..c.content.1], c.props.iter().map(|p| (p.predicate, p.subject.map(|e| a.entities[e].label.clone()), p.polarity, p.continuity, p.place, p.day, p.number.map(|n| a.nums[n].value))).collect::<Vec<_>>());
    }
    for f in &a.findings {
        println!("{} {:?} {} {:?}", f.rule, f.severity, f.message, f.reasoning);
    }
}
