"""Derives the polynomial coefficients used by Precast.Kernels.SpecialFunctions.Erf.

Run with /usr/bin/python3 (needs mpmath, which Debian's python3-torch pulls in):

    /usr/bin/python3 tests/Precast.Runtime.Tests/Numerics/derive_erf_coefficients.py

and copy the printed coefficients into src/Precast/Kernels/SpecialFunctions.cs. Every coefficient is a
Chebyshev interpolant computed in 60-digit arithmetic, so the only errors left are the truncation
of the series (far below one ulp) and the rounding of the final values.

Two regions, for both precisions:
  |x| < 1:   erf(x) = x + x * R(x^2), R(s) = erf(sqrt s)/sqrt s - 1, a polynomial in s.
             Writing the leading x separately keeps the result within about half an ulp.
  |x| >= 1:  erf(x) = 1 - exp(-x^2) * H(t), t = 1/(1 + x/2), H(t) = erfcx(x) = erfc(x) exp(x^2).
             erfcx behaves like 1/(x sqrt(pi)) for large x, so in t it is nearly linear and a
             short polynomial covers the whole range up to where erf rounds to 1.
double: R of degree 12 on s in [0, 1]; H as Chebyshev coefficients of degree 17 on x in [1, 6]
        (evaluated with Clenshaw's recurrence, which stays stable at that degree).
float:  R of degree 6 on s in [0, 1]; H of degree 7 on x in [1, 4] as monomials in t (Horner,
        vectorizable; the monomial form is well conditioned there: sum |a_i t^i| < 1.3 H(t)).
"""
import mpmath as mp
import struct

mp.mp.dps = 60


def chebyshev(f, a, b, degree):
    """Coefficients c_j of sum c_j T_j(w), w = (2v - a - b)/(b - a), interpolating f at the
    degree+1 Chebyshev nodes of the first kind on [a, b]."""
    n = degree + 1
    nodes = [mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]
    values = [f((b - a) / 2 * w + (b + a) / 2) for w in nodes]
    c = [2 * sum(values[k] * mp.cos(mp.pi * j * (k + mp.mpf(1) / 2) / n) for k in range(n)) / n
         for j in range(n)]
    c[0] /= 2
    return c


def to_monomial(c, a, b):
    """Rewrites sum c_j T_j(w) as sum a_i v^i in the original variable v."""
    n = len(c)
    t = [[mp.mpf(1)], [mp.mpf(0), mp.mpf(1)]]
    for _ in range(2, n):
        nxt = [mp.mpf(0)] + [2 * x for x in t[-1]]
        for i, x in enumerate(t[-2]):
            nxt[i] -= x
        t.append(nxt)
    in_w = [mp.mpf(0)] * n
    for j in range(n):
        for i, x in enumerate(t[j]):
            in_w[i] += c[j] * x
    alpha, beta = 2 / (mp.mpf(b) - a), -(mp.mpf(a) + b) / (mp.mpf(b) - a)
    in_v = [mp.mpf(0)] * n
    for i in range(n):
        for j in range(i + 1):
            in_v[j] += in_w[i] * mp.binomial(i, j) * alpha ** j * beta ** (i - j)
    return in_v


def r(s):
    return mp.erf(mp.sqrt(s)) / mp.sqrt(s) - 1 if s != 0 else 2 / mp.sqrt(mp.pi) - 1


def h_of_t(t):
    x = 2 * (1 / t - 1)
    return mp.erfc(x) * mp.exp(x * x)


def as_double(v):
    return repr(float(v))


def as_float(v):
    f = struct.unpack('f', struct.pack('f', float(v)))[0]
    return f"{f:.9g}f"


def emit(name, values):
    print(f"{name}: [{', '.join(values)}]")


emit("double R(s), s in [0, 1], ascending powers",
     [as_double(v) for v in to_monomial(chebyshev(r, 0, 1, 12), 0, 1)])
t_lo, t_hi = 1 / (1 + mp.mpf(6) / 2), 1 / (1 + mp.mpf(1) / 2)
emit("double H, Chebyshev coefficients on t in [1/4, 2/3]",
     [as_double(v) for v in chebyshev(h_of_t, t_lo, t_hi, 17)])
emit("float R(s), s in [0, 1], ascending powers",
     [as_float(v) for v in to_monomial(chebyshev(r, 0, 1, 6), 0, 1)])
t_lo = 1 / (1 + mp.mpf(4) / 2)
emit("float H(t), t in [1/3, 2/3], ascending powers",
     [as_float(v) for v in to_monomial(chebyshev(h_of_t, t_lo, t_hi, 7), t_lo, t_hi)])
