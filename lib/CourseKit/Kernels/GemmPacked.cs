using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CourseKit.Kernels;

internal static partial class Gemm
{
    private const int KC = 256;        // the deepest packed block (float); see Depth

    /// <summary>
    /// Depth of a packed block: 1 KB of each row of A, so a 12-row A micro-panel (12 KB) stays in L1 beside the streaming
    /// B panel, whatever the element size (256 floats, 128 doubles).
    /// </summary>
    internal static int Depth<T>() where T : unmanaged => Math.Min(KC, 1024 / Unsafe.SizeOf<T>());
    private const int MC = 192;        // rows of A per packed block (a multiple of both tile heights, 12 and 6), kept in L2
    private const int NC = 1024;       // columns of B per packed block: kc × NC floats fit the L2 cache
    // Per depth block, in multiply-adds × element size (a double costs twice a float): below this, one thread is faster,
    // because waking a second (virtual) CPU costs tens of microseconds. 16 M float or 8 M double multiply-adds.
    private const long ParallelWork = 64L * 1024 * 1024;
    private const int PiecesPerThread = 4;             // rows of a threaded product are split into this many pieces per thread
    private const long DirectBBytes = 256 * 1024;       // B up to this size is read in place, unpacked
    private const long DirectABytes = 256 * 1024;       // an A block up to this size is read in place, unpacked

    /// <summary>Whether the 12 × 2-Vector512 micro-kernel is used.</summary>
    internal static bool Wide => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// Whether a 128-bit micro-kernel is used (no 256-bit vectors: x64 with SSE only, ARM64 NEON): 6 × 2 Vector128 on
    /// x64, 12 × 2 on ARM64. Otherwise, without <see cref="Wide"/>, 6 × 2 Vector256.
    /// </summary>
    internal static bool Narrow => !Vector256.IsHardwareAccelerated;

    /// <summary>Whether the narrow kernel is ARM64's (32 vector registers, multiply-adds by lane).</summary>
    internal static bool NarrowArm => Narrow && System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;

    /// <summary>Rows of C per micro-tile.</summary>
    internal static int TileRows =>
        Wide ? GemmMicroKernels.MR512 : !Narrow ? GemmMicroKernels.MR256 : NarrowArm ? GemmMicroKernels.MR128Arm : GemmMicroKernels.MR128;

    /// <summary>Columns of C per micro-tile: two vectors.</summary>
    internal static int TileCols<T>() where T : unmanaged => 2 * (Wide ? Vector512<T>.Count : !Narrow ? Vector256<T>.Count : Vector128<T>.Count);

    /// <summary>Which micro-kernel this CPU runs, for benchmark reports.</summary>
    internal static string KernelName =>
        Wide ? "12 × 2 Vector512 (AVX-512)" : !Narrow ? "6 × 2 Vector256 (AVX2)"
        : NarrowArm ? "12 × 2 Vector128 (ARM64 NEON)" : Vector128.IsHardwareAccelerated ? "6 × 2 Vector128 (SSE)"
        : "6 × 2 Vector128 in software (no SIMD; only prepacked products use it)";

    /// <summary>
    /// The most threads one large product may use (default 1, or the <c>COURSEKIT_THREADS</c> environment variable).
    /// Depth blocks under 16 M float or 8 M double multiply-adds (256×256×256 floats, 256×256×128 doubles) always run on
    /// one thread: splitting them costs more than it saves.
    /// </summary>
    public static int MaxThreads
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxThreads), $"MaxThreads must be at least 1 (got {value}).");
    } = int.TryParse(Environment.GetEnvironmentVariable("COURSEKIT_THREADS"), out int n) && n >= 1 ? n : 1;

    private static unsafe void MultiplyPacked<T>(
        ReadOnlySpan<T> a, int lda, bool transA, ReadOnlySpan<T> b, int ldb, bool transB,
        Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = TileCols<T>();
        int depth = Depth<T>();
        fixed (T* pa = a, pc = c, pbDirect = b)
        {
            // A small B that is already row-major with whole, aligned panels is read in place: packing it would cost
            // more than it saves. (Unaligned rows would make every 512-bit load straddle two cache lines.)
            bool direct = !transB && n % nr == 0 && (long)k * n * Unsafe.SizeOf<T>() <= DirectBBytes
                          && (nint)pbDirect % 64 == 0 && (long)ldb * Unsafe.SizeOf<T>() % 64 == 0;
            T* pb = direct ? null : PackBuffers<T>.B(Math.Min(NC, n), depth, nr).Pointer;
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                for (int p0 = 0; p0 < k; p0 += depth)
                {
                    int kc = Math.Min(depth, k - p0);
                    bool add = accumulate || p0 > 0;
                    if (direct)
                        Blocks(pa, lda, transA, new BPanels<T>(pbDirect + (long)p0 * ldb + jc, ldb, 0), p0, kc, pc + jc, ldc, m, nc, add);
                    else
                    {
                        PackB(b, ldb, transB, p0, jc, kc, nc, nr, new Span<T>(pb, ((nc + nr - 1) / nr) * nr * kc));
                        Blocks(pa, lda, transA, new BPanels<T>(pb, nr, kc * nr), p0, kc, pc + jc, ldc, m, nc, add);
                    }
                }
            }
        }
    }

    /// <summary>Where B's column panels are: panel j starts at Start + j·PanelStep (in elements) and its rows are RowStride apart.</summary>
    private readonly unsafe struct BPanels<T>(T* start, int rowStride, int panelStep) where T : unmanaged
    {
        public T* Start { get; } = start;
        public int RowStride { get; } = rowStride;
        public int PanelStep { get; } = panelStep;

        /// <summary>Packed panels are kc·nr apart; in-place B's panels are nr columns apart.</summary>
        public T* Panel(int index, int nr) => Start + (PanelStep == 0 ? (long)index * nr : (long)index * PanelStep);
    }

    /// <summary>
    /// C[0..m, 0..nc] (+)= op(A)[0..m, p0..p0+kc] · (packed B block), one MC-row block of A at a time,
    /// the blocks shared out over threads when the product is large enough.
    /// </summary>
    private static unsafe void Blocks<T>(T* a, int lda, bool transA, BPanels<T> bp, int p0, int kc, T* c, int ldc, int m, int nc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int threads = MaxThreads;
        if (threads > 1 && (long)m * nc * kc * Unsafe.SizeOf<T>() >= ParallelWork)
        {
            // A few pieces of rows (whole tiles) per thread, taken in turn: on a shared VM one virtual CPU can be slow
            // or busy for a while, and then the other takes over its pieces instead of waiting for it.
            int mr = TileRows;
            int pieces = threads * PiecesPerThread;
            int share = ((m + pieces - 1) / pieces + mr - 1) / mr * mr;
            int blocks = (m + share - 1) / share;
            if (blocks > 1)
            {
                BlocksInParallel<T>((nint)a, lda, transA, (nint)bp.Start, bp.RowStride, bp.PanelStep, p0, kc, (nint)c, ldc, m, nc, add, share, blocks, threads);
                return;
            }
        }
        Rows(a, lda, transA, bp, p0, kc, c, ldc, 0, m, nc, add);
    }

    /// <summary>Rows [start, start + count) of C, in MC-row blocks.</summary>
    private static unsafe void Rows<T>(T* a, int lda, bool transA, BPanels<T> bp, int p0, int kc, T* c, int ldc, int start, int count, int nc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ic = start; ic < start + count; ic += MC)
            Block(a, lda, transA, bp, p0, kc, c, ldc, ic, Math.Min(MC, start + count - ic), nc, add);
    }

    // A separate method so the closure (an allocation) exists only when threads are really used.
    private static unsafe void BlocksInParallel<T>(nint a, int lda, bool transA, nint bp, int bRowStride, int bPanelStep, int p0, int kc, nint c, int ldc, int m, int nc,
        bool add, int share, int blocks, int threads) where T : unmanaged, IFloatingPointIeee754<T> =>
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            block => Rows((T*)a, lda, transA, new BPanels<T>((T*)bp, bRowStride, bPanelStep), p0, kc, (T*)c, ldc, block * share, Math.Min(share, m - block * share), nc, add));

    /// <summary>One MC-row block: pack its rows of A (unless read in place), then sweep the micro-tiles, A's micro-panel outermost so it stays in L1.</summary>
    private static unsafe void Block<T>(T* a, int lda, bool transA, BPanels<T> bp, int p0, int kc, T* c, int ldc, int ic, int mc, int nc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = TileRows, nr = TileCols<T>();
        bool wide = Wide;
        // A small row-major A block is read in place by whole tiles (no packing); its last partial tile is packed as
        // usual. A bigger block, or rows a multiple of 4 KB apart (which would all fall into the same L1 sets and evict
        // each other), is packed: the packed kernel reads one contiguous stream of A, which also holds up better than
        // twelve row streams when the core is shared.
        bool inPlace = wide && !transA && (long)mc * kc * Unsafe.SizeOf<T>() <= DirectABytes && (long)lda * Unsafe.SizeOf<T>() % 4096 != 0;
        // When B is read in place too, the block has an even number of rows and its columns are whole 4-vector tiles,
        // the wider 6 × 4 tile does the whole block (see GemmMicroKernels.Kernel512Wide).
        if (inPlace && bp.PanelStep == 0 && nc % (GemmMicroKernels.WideVectors * Vector512<T>.Count) == 0 && mc % 2 == 0)
        {
            WideTiles(a + (long)ic * lda + p0, lda, bp.Start, bp.RowStride, kc, c + (long)ic * ldc, ldc, mc, nc, add);
            return;
        }
        T* pap = PackBuffers<T>.A(mr).Pointer;
        var edge = PackBuffers<T>.Edge(mr * nr).Span;
        int packedFrom = inPlace ? mc / mr * mr : 0;
        // A last tile of exactly 8 or 4 rows is read in place by the 8- or 4-row kernel (no packing, no scratch tile).
        int tailRows = mc - packedFrom;
        bool tailInPlace = inPlace && (tailRows == 8 || tailRows == 4);
        if (tailInPlace) packedFrom = mc;
        if (packedFrom < mc) PackA(a, lda, transA, ic + packedFrom, p0, mc - packedFrom, kc, mr, pap);
        int lanes = BroadcastLanes<T>();
        if (lanes > 1)
        {
            T* copies = PackBuffers<T>.Broadcast(mr, lanes).Pointer;
            Broadcast(pap, (mc + mr - 1) / mr * mr * kc, copies);
            pap = copies;
        }
        // A's micro-panel (mr × kc; 24 KB as copies on SSE) stays in L1 while B's panels stream past from L2 (the packed B
        // block is sized for L2).
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            bool direct = ir < packedFrom;
            ref T aPanel = ref Unsafe.AsRef<T>(direct ? a + (long)(ic + ir) * lda + p0 : pap + ((ir - packedFrom) / mr) * kc * mr * lanes);
            for (int jr = 0; jr < nc; jr += nr)
            {
                int cols = Math.Min(nr, nc - jr);
                ref T bPanel = ref Unsafe.AsRef<T>(bp.Panel(jr / nr, nr));
                ref T cTile = ref Unsafe.AsRef<T>(c + (long)(ic + ir) * ldc + jr);
                // A tile that would run past C's last column is computed into a scratch tile, then only its existing
                // part is copied. (In place, 8- and 4-row tails have kernels of their own; packed tails are zero-padded.)
                bool full = cols == nr && (rows == mr || direct);
                ref T target = ref full ? ref cTile : ref MemoryMarshal.GetReference(edge);
                int ldt = full ? ldc : nr;
                bool addHere = full && add;
                if (!direct)
                {
                    if (wide && bp.PanelStep != 0) GemmMicroKernels.Kernel512<T, PackedB>(ref aPanel, ref bPanel, bp.RowStride, kc, ref target, ldt, addHere);
                    else if (wide) GemmMicroKernels.Kernel512<T, RowMajorB>(ref aPanel, ref bPanel, bp.RowStride, kc, ref target, ldt, addHere);
                    else if (!Narrow) GemmMicroKernels.Kernel256(ref aPanel, ref bPanel, bp.RowStride, kc, ref target, ldt, addHere);
                    else if (NarrowArm) GemmMicroKernels.Kernel128Arm(ref aPanel, ref bPanel, bp.RowStride, kc, ref target, ldt, addHere);
                    else GemmMicroKernels.Kernel128(ref aPanel, ref bPanel, bp.RowStride, kc, ref target, ldt, addHere);
                }
                else if (bp.PanelStep != 0) InPlace<T, PackedB>(rows, ref aPanel, lda, ref bPanel, bp.RowStride, kc, ref target, ldt, addHere);
                else InPlace<T, RowMajorB>(rows, ref aPanel, lda, ref bPanel, bp.RowStride, kc, ref target, ldt, addHere);
                if (!full) GemmMicroKernels.CopyEdge<T>(edge, nr, ref cTile, ldc, rows, cols, add);
            }
        }
    }

    /// <summary>
    /// C[0..mc, 0..nc] (+)= A[0..mc, 0..kc] · B[0..kc, 0..nc] with A and B both row-major and read in place, in tiles of
    /// 6 rows (the last one 4 or 2) × 4 vectors: mc is even and nc a multiple of the tile width.
    /// </summary>
    private static unsafe void WideTiles<T>(T* a, int lda, T* b, int ldb, int kc, T* c, int ldc, int mc, int nc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = GemmMicroKernels.WideVectors * Vector512<T>.Count;
        for (int ir = 0; ir < mc; ir += GemmMicroKernels.WideRows)
        {
            int rows = Math.Min(GemmMicroKernels.WideRows, mc - ir);
            ref T aRows = ref Unsafe.AsRef<T>(a + (long)ir * lda);
            for (int jr = 0; jr < nc; jr += width)
            {
                ref T bCols = ref Unsafe.AsRef<T>(b + jr);
                ref T cTile = ref Unsafe.AsRef<T>(c + (long)ir * ldc + jr);
                if (rows == 6) GemmMicroKernels.Kernel512Wide<T, SixRows>(ref aRows, lda, ref bCols, ldb, kc, ref cTile, ldc, add);
                else if (rows == 4) GemmMicroKernels.Kernel512Wide<T, FourRows>(ref aRows, lda, ref bCols, ldb, kc, ref cTile, ldc, add);
                else GemmMicroKernels.Kernel512Wide<T, TwoRows>(ref aRows, lda, ref bCols, ldb, kc, ref cTile, ldc, add);
            }
        }
    }

    /// <summary>The in-place kernel for a tile of 12, 8 or 4 rows.</summary>
    private static void InPlace<T, TB>(int rows, ref T a, int lda, ref T b, int bStride, int kc, ref T c, int ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TB : struct, IBLayout
    {
        if (rows == GemmMicroKernels.MR512) GemmMicroKernels.Kernel512InPlace<T, TwelveRows, TB>(ref a, lda, ref b, bStride, kc, ref c, ldc, add);
        else if (rows == 8) GemmMicroKernels.Kernel512InPlace<T, EightRows, TB>(ref a, lda, ref b, bStride, kc, ref c, ldc, add);
        else GemmMicroKernels.Kernel512InPlace<T, FourRows, TB>(ref a, lda, ref b, bStride, kc, ref c, ldc, add);
    }

    /// <summary>Packs all of op(B) (k × n), depth block by depth block, into <paramref name="packed"/>.</summary>
    internal static void PackAll<T>(ReadOnlySpan<T> b, int ldb, bool transB, int k, int n, int nr, Span<T> packed, int paddedCols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int depth = Depth<T>();
        for (int p0 = 0; p0 < k; p0 += depth)
        {
            int kc = Math.Min(depth, k - p0);
            PackB(b, ldb, transB, p0, 0, kc, n, nr, packed.Slice(p0 * paddedCols, kc * paddedCols));
        }
    }

    /// <summary>
    /// <c>C (+)= op(A) · B</c> with B packed beforehand; op(A) is (m × b.Rows), C is (m × b.Cols) with row stride ldc.
    /// </summary>
    public static unsafe void Multiply<T>(ReadOnlySpan<T> a, int lda, bool transA, PackedMatrix<T> b, Span<T> c, int ldc, int m, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(b);
        int k = b.Rows, n = b.Cols;
        CheckOperand(a.Length, lda, transA ? k : m, transA ? m : k, "A");
        CheckOperand(c.Length, ldc, m, n, "C");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        fixed (T* pa = a, pc = c)
        {
            int depth = Depth<T>();
            for (int p0 = 0; p0 < k; p0 += depth)
                Blocks(pa, lda, transA, new BPanels<T>(b.Data.Pointer + b.BlockOffset(p0), b.Nr, Math.Min(depth, k - p0) * b.Nr), p0, Math.Min(depth, k - p0), pc, ldc, m, n, accumulate || p0 > 0);
        }
    }

    /// <summary>Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] into mr-row panels: panel[p·mr + row], zero-padded.</summary>
    private static unsafe void PackA<T>(T* a, int lda, bool transA, int i0, int p0, int mc, int kc, int mr, T* ap)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* panel = ap + (ir / mr) * kc * mr;
            if (rows < mr) new Span<T>(panel, kc * mr).Clear();
            if (transA)
            {
                // Stored k × m: row p of storage holds column p of op(A), so each step copies mr neighbours, a vector at a
                // time (this packing runs at every step of a recurrent layer's backward pass).
                for (int p = 0; p < kc; p++)
                    CopyNeighbours(a + (long)(p0 + p) * lda + i0 + ir, panel + p * mr, rows);
            }
            else
            {
                // Depth outermost: each step writes one contiguous column of the panel, reading the rows side by side.
                T* src = a + (long)(i0 + ir) * lda + p0;
                int p = rows % 4 == 0 ? Transposed4x4(src, lda, rows, kc, panel, mr) : 0;
                for (; p < kc; p++)
                {
                    T* dst = panel + p * mr;
                    for (int r = 0; r < rows; r++) dst[r] = src[(long)r * lda + p];
                }
            }
        }
    }

    /// <summary>
    /// How many copies of each A value the packed panel holds: 4 for floats on x64 SSE, whose kernel then loads each A
    /// value as a ready vector (a load, no shuffle: SSE has no broadcast from memory, and a shuffle takes an arithmetic
    /// port the multiplies and adds need); 1 elsewhere.
    /// </summary>
    internal static int BroadcastLanes<T>() where T : unmanaged =>
        typeof(T) == typeof(float) && Narrow && !NarrowArm && Vector128.IsHardwareAccelerated ? Vector128<float>.Count : 1;

    /// <summary>Writes every one of <paramref name="count"/> values as a whole Vector128 of copies.</summary>
    private static unsafe void Broadcast<T>(T* src, int count, T* dst) where T : unmanaged
    {
        for (int i = 0; i < count; i++, dst += Vector128<T>.Count) Vector128.Create(src[i]).Store(dst);
    }

    /// <summary>Copies <paramref name="count"/> contiguous values: 256-bit vectors, then a 128-bit one, then single values.</summary>
    private static unsafe void CopyNeighbours<T>(T* src, T* dst, int count) where T : unmanaged
    {
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; r + Vector256<T>.Count <= count; r += Vector256<T>.Count) Vector256.Load(src + r).Store(dst + r);
        if (Vector128.IsHardwareAccelerated)
            for (; r + Vector128<T>.Count <= count; r += Vector128<T>.Count) Vector128.Load(src + r).Store(dst + r);
        for (; r < count; r++) dst[r] = src[r];
    }

    /// <summary>
    /// Packs the first depth steps of a row-major A panel (rows a multiple of 4) in 4 × 4 blocks, each transposed in
    /// registers: four loads, eight shuffles and four stores per 16 values instead of 16 scalar loads and stores.
    /// Returns how many depth steps it packed (a multiple of 4; the rest, and CPUs without the shuffles, go scalar).
    /// </summary>
    private static unsafe int Transposed4x4<T>(T* src, int lda, int rows, int kc, T* panel, int mr) where T : unmanaged
    {
        int steps = kc / 4 * 4;
        if (typeof(T) == typeof(float) && System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            for (int p = 0; p < steps; p += 4)
                for (int g = 0; g < rows; g += 4)
                    Transpose4x4((float*)src + (long)g * lda + p, lda, (float*)panel + p * mr + g, mr);
            return steps;
        }
        if (typeof(T) == typeof(double) && System.Runtime.Intrinsics.X86.Avx.IsSupported)
        {
            for (int p = 0; p < steps; p += 4)
                for (int g = 0; g < rows; g += 4)
                    Transpose4x4((double*)src + (long)g * lda + p, lda, (double*)panel + p * mr + g, mr);
            return steps;
        }
        return 0;
    }

    /// <summary>dst[j·ldd + i] = src[i·lds + j] for a 4 × 4 block of floats.</summary>
    private static unsafe void Transpose4x4(float* src, int lds, float* dst, int ldd)
    {
        var r0 = Vector128.Load(src);
        var r1 = Vector128.Load(src + lds);
        var r2 = Vector128.Load(src + 2 * (long)lds);
        var r3 = Vector128.Load(src + 3 * (long)lds);
        var t0 = System.Runtime.Intrinsics.X86.Sse.UnpackLow(r0, r1);      // r0[0] r1[0] r0[1] r1[1]
        var t1 = System.Runtime.Intrinsics.X86.Sse.UnpackHigh(r0, r1);     // r0[2] r1[2] r0[3] r1[3]
        var t2 = System.Runtime.Intrinsics.X86.Sse.UnpackLow(r2, r3);
        var t3 = System.Runtime.Intrinsics.X86.Sse.UnpackHigh(r2, r3);
        System.Runtime.Intrinsics.X86.Sse.MoveLowToHigh(t0, t2).Store(dst);
        System.Runtime.Intrinsics.X86.Sse.MoveHighToLow(t2, t0).Store(dst + ldd);
        System.Runtime.Intrinsics.X86.Sse.MoveLowToHigh(t1, t3).Store(dst + 2 * ldd);
        System.Runtime.Intrinsics.X86.Sse.MoveHighToLow(t3, t1).Store(dst + 3 * ldd);
    }

    /// <summary>dst[j·ldd + i] = src[i·lds + j] for a 4 × 4 block of doubles.</summary>
    private static unsafe void Transpose4x4(double* src, int lds, double* dst, int ldd)
    {
        var r0 = Vector256.Load(src);
        var r1 = Vector256.Load(src + lds);
        var r2 = Vector256.Load(src + 2 * (long)lds);
        var r3 = Vector256.Load(src + 3 * (long)lds);
        var t0 = System.Runtime.Intrinsics.X86.Avx.UnpackLow(r0, r1);      // r0[0] r1[0] r0[2] r1[2]
        var t1 = System.Runtime.Intrinsics.X86.Avx.UnpackHigh(r0, r1);     // r0[1] r1[1] r0[3] r1[3]
        var t2 = System.Runtime.Intrinsics.X86.Avx.UnpackLow(r2, r3);
        var t3 = System.Runtime.Intrinsics.X86.Avx.UnpackHigh(r2, r3);
        System.Runtime.Intrinsics.X86.Avx.Permute2x128(t0, t2, 0x20).Store(dst);
        System.Runtime.Intrinsics.X86.Avx.Permute2x128(t1, t3, 0x20).Store(dst + ldd);
        System.Runtime.Intrinsics.X86.Avx.Permute2x128(t0, t2, 0x31).Store(dst + 2 * ldd);
        System.Runtime.Intrinsics.X86.Avx.Permute2x128(t1, t3, 0x31).Store(dst + 3 * ldd);
    }

    /// <summary>Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] into nr-column panels: panel[p·nr + col], zero-padded.</summary>
    private static unsafe void PackB<T>(ReadOnlySpan<T> b, int ldb, bool transB, int p0, int j0, int kc, int nc, int nr, Span<T> bp)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int whole = nc / nr * nr;                   // columns in whole panels; a last partial panel is zero-padded
        if (whole < nc) bp.Slice(whole / nr * kc * nr, kc * nr).Clear();
        fixed (T* source = b, packed = bp)
        {
            if (transB)
            {
                // Stored n × k: column j of op(B) is row j of storage, read front to back into its panel's column.
                for (int j = 0; j < nc; j++)
                {
                    T* column = source + (long)(j0 + j) * ldb + p0;
                    T* dst = packed + (j / nr) * kc * nr + j % nr;
                    for (int p = 0; p < kc; p++) dst[p * nr] = column[p];
                }
                return;
            }
            // Row by row: each row of B is read once, front to back (the order the hardware prefetcher follows), and each
            // nr-wide piece goes to its panel; packing panel by panel would jump a row (4 KB of floats) per piece. Both
            // vectors are loaded before either is stored, because a load 4 KB away from an earlier store waits for it
            // (the panels are kc·nr apart, a multiple of 4 KB).
            int panelStep = kc * nr;
            for (int p = 0; p < kc; p++)
            {
                T* src = source + (long)(p0 + p) * ldb + j0;
                T* dst = packed + p * nr;
                for (int jr = 0; jr < whole; jr += nr, dst += panelStep) CopyPiece(src + jr, dst);
                if (whole < nc) new ReadOnlySpan<T>(src + whole, nc - whole).CopyTo(new Span<T>(dst, nc - whole));
            }
        }
    }

    /// <summary>Copies one panel row: nr = two vectors.</summary>
    private static unsafe void CopyPiece<T>(T* src, T* dst) where T : unmanaged
    {
        if (Wide)
        {
            var v0 = Vector512.Load(src);
            var v1 = Vector512.Load(src + Vector512<T>.Count);
            v0.Store(dst);
            v1.Store(dst + Vector512<T>.Count);
        }
        else if (!Narrow)
        {
            var v0 = Vector256.Load(src);
            var v1 = Vector256.Load(src + Vector256<T>.Count);
            v0.Store(dst);
            v1.Store(dst + Vector256<T>.Count);
        }
        else
        {
            var v0 = Vector128.Load(src);
            var v1 = Vector128.Load(src + Vector128<T>.Count);
            v0.Store(dst);
            v1.Store(dst + Vector128<T>.Count);
        }
    }

    /// <summary>Per-thread packing buffers, allocated once and reused so steady-state products allocate nothing.</summary>
    private static class PackBuffers<T> where T : unmanaged
    {
        [ThreadStatic] private static AlignedBuffer<T>? a;
        [ThreadStatic] private static AlignedBuffer<T>? b;
        [ThreadStatic] private static AlignedBuffer<T>? edge;

        public static AlignedBuffer<T> A(int mr) => Sized(ref a, (MC + mr) * KC);

        [ThreadStatic] private static AlignedBuffer<T>? broadcast;

        public static AlignedBuffer<T> Broadcast(int mr, int lanes) => Sized(ref broadcast, (MC + mr) * KC * lanes);

        public static AlignedBuffer<T> Edge(int size) => Sized(ref edge, size);

        public static AlignedBuffer<T> B(int nc, int kc, int nr) => Sized(ref b, ((nc + nr - 1) / nr) * nr * kc);

        private static AlignedBuffer<T> Sized(ref AlignedBuffer<T>? buffer, int size)
        {
            if (buffer is null || buffer.Length < size) buffer = new AlignedBuffer<T>(size);
            return buffer;
        }
    }
}
