use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        let n = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
        PEAK.fetch_max(n, Ordering::Relaxed);
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        let q = System.realloc(p, l, n);
        if n > l.size() {
            let v = LIVE.fetch_add(n - l.size(), Ordering::Relaxed) + n - l.size();
            PEAK.fetch_max(v, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(l.size() - n, Ordering::Relaxed);
        }
        q
    }
}
#[global_allocator]
static A: Counting = Counting;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let cat = rasoat::catalog::Catalog::load(None).unwrap();
    let c = rasoat::input::discover(&[dir.into()]).unwrap();
    let o = rasoat::pipeline::Options {
        as_of: 2025,
        limits: Default::default(),
        jobs: 1,
        keep_details: false,
    };
    let jobs: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let o = rasoat::pipeline::Options { jobs, ..o };
    let t = std::time::Instant::now();
    let v = rasoat::pipeline::read_all(&c, &cat, &o, &|_| {});
    println!("read_all {:.3} s", t.elapsed().as_secs_f64());
    let t = std::time::Instant::now();
    println!(
        "after read: live {} MB peak {} MB",
        LIVE.load(Ordering::Relaxed) >> 20,
        PEAK.load(Ordering::Relaxed) >> 20
    );
    let (mut d, mut g, mut a, mut tt, mut p) = (0, 0, 0, 0, 0);
    for c in &v {
        d += c.details.len();
        g += c.diagnostics.len();
        a += c.assets.len();
        tt += c.totals.len();
        p += c.pending.len();
    }
    println!("details {d} diags {g} assets {a} totals {tt} pending {p}; size_of Assessment {} Diagnostic {} Msg {} Limit {} Condensed {}", std::mem::size_of::<rasoat::needs::Assessment>(), std::mem::size_of::<rasoat::diag::Diagnostic>(), std::mem::size_of::<rasoat::diag::Msg>(), std::mem::size_of::<rasoat::diag::Limit>(), std::mem::size_of::<rasoat::needs::Condensed>());
    let n = rasoat::needs::compute(v, &cat, 2025);
    println!("compute {:.3} s", t.elapsed().as_secs_f64());
    println!(
        "after needs: live {} MB peak {} MB ({} diags)",
        LIVE.load(Ordering::Relaxed) >> 20,
        PEAK.load(Ordering::Relaxed) >> 20,
        n.diagnostics.len()
    );
    println!(
        "size_of NeedLine {} LineCost {}; lines {}",
        std::mem::size_of::<rasoat::needs::NeedLine>(),
        std::mem::size_of::<rasoat::cost::LineCost>(),
        n.lines.len()
    );
    let e = rasoat::cost::estimate(n, &cat).unwrap();
    println!(
        "after costs: live {} MB peak {} MB ({} costs)",
        LIVE.load(Ordering::Relaxed) >> 20,
        PEAK.load(Ordering::Relaxed) >> 20,
        e.costs.len()
    );
}
