using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace ConvGen.Internal
{
    /// <summary>
    /// The threads a multi-threaded <c>Forward</c> shares its work with: the calling thread and up to threads − 1
    /// workers, background threads created the first time that many are asked for and kept. A job hands out its items
    /// 0 … count − 1 one at a time from a shared counter, so a core that something else slows down takes fewer of them.
    /// The caller works from the start and waits only for the workers that joined: a worker still waking up when the items
    /// run out finds the job closed and does not hold it up (a network calls dozens of short layers in a row).
    /// Allocates nothing once its workers exist. It runs one job at a time: a call that finds it busy (another thread's
    /// <c>Forward</c>) runs all its items on its own thread instead of waiting.
    /// </summary>
    internal static unsafe class WorkerPool
    {
        private static readonly object s_gate = new object();
        private static Worker[] s_workers = Array.Empty<Worker>();

        // The running job: written under s_gate before it is opened, read by the workers that join it.
        private static delegate*<void*, int, void> s_body;
        private static void* s_state;
        private static int s_count;
        private static int s_next;
        private static ExceptionDispatchInfo? s_error;

        /// <summary>The open job's number (0: none open); the workers poll it.</summary>
        private static int s_open;

        /// <summary>The last job's number.</summary>
        private static int s_jobs;

        /// <summary>Workers inside the open job: the caller waits for them after closing it.</summary>
        private static int s_inside;

        /// <summary>
        /// Runs <paramref name="body"/>(<paramref name="state"/>, i) for every i in [0, <paramref name="count"/>) on at most
        /// <paramref name="threads"/> threads (never more than the machine's processors) and returns when all are done.
        /// <paramref name="state"/> must stay valid until then: the caller's stack is fine. An exception of any item is
        /// rethrown here once every thread has stopped.
        /// </summary>
        public static void For(int threads, int count, delegate*<void*, int, void> body, void* state)
        {
            int helpers = Math.Min(Math.Min(threads, Environment.ProcessorCount), count) - 1;
            if (helpers <= 0 || !TryTakeIdle())
            {
                for (int i = 0; i < count; i++) body(state, i);
                return;
            }

            try
            {
                if (s_workers.Length < helpers) Grow(helpers);
                s_body = body;
                s_state = state;
                s_count = count;
                s_next = 0;
                s_error = null;
                int job = s_jobs = s_jobs == int.MaxValue ? 1 : s_jobs + 1;
                Volatile.Write(ref s_open, job); // a release: a worker that reads the number sees the job
                for (int k = 0; k < helpers; k++) s_workers[k].Wake();
                Drain();

                // Close the job (a full fence, paired with a joining worker's), then wait for the workers inside it.
                Interlocked.Exchange(ref s_open, 0);
                var wait = new SpinWait();
                while (Volatile.Read(ref s_inside) != 0) wait.SpinOnce(sleep1Threshold: -1);
                s_body = null;
                s_state = null;
                s_error?.Throw();
            }
            finally
            {
                Monitor.Exit(s_gate);
            }
        }

        /// <summary>
        /// Takes the gate if no job is running. The gate is re-entrant, so a body that called For again would get it while
        /// its own job runs: that call must not replace the job it is part of, and runs on its own thread instead.
        /// </summary>
        private static bool TryTakeIdle()
        {
            if (!Monitor.TryEnter(s_gate)) return false;
            if (s_body == null) return true;
            Monitor.Exit(s_gate);
            return false;
        }

        /// <summary>Takes items until none are left; the first exception stops the job for every thread.</summary>
        private static void Drain()
        {
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref s_next) - 1) < s_count) s_body(s_state, i);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref s_error, ExceptionDispatchInfo.Capture(e), null);
                Volatile.Write(ref s_next, s_count);
            }
        }

        private static void Grow(int workers)
        {
            var grown = new Worker[workers];
            s_workers.CopyTo(grown, 0);
            for (int k = s_workers.Length; k < workers; k++) grown[k] = new Worker(k + 1);
            s_workers = grown;
        }

        private sealed class Worker
        {
            private readonly SemaphoreSlim _start = new SemaphoreSlim(0);
            private int _sleeping;
            private int _done;

            public Worker(int index) =>
                new Thread(Loop) { IsBackground = true, Name = $"ConvGen worker {index}" }.Start();

            /// <summary>Wakes the worker if it blocked; a polling worker sees the job by itself.</summary>
            public void Wake()
            {
                if (Interlocked.Exchange(ref _sleeping, 0) == 1) _start.Release();
            }

            private void Loop()
            {
                while (true)
                {
                    int job = WaitForJob();
                    Interlocked.Increment(ref s_inside); // a full fence, paired with the caller's closing exchange
                    if (Volatile.Read(ref s_open) == job) Drain();
                    _done = job;
                    Interlocked.Decrement(ref s_inside);
                }
            }

            /// <summary>A job this worker has not taken part in, open now.</summary>
            private int NewJob()
            {
                int job = Volatile.Read(ref s_open);
                return job != 0 && job != _done ? job : 0;
            }

            /// <summary>
            /// Polls for the next job for <see cref="SpinTicks"/> before it blocks: a network calls layer after layer, tens
            /// of microseconds apart; waking a blocked thread takes about as long (more on a virtual machine). A blocked
            /// worker is woken by <see cref="Wake"/>; the flag is set before the last look, so no job is missed.
            /// </summary>
            private int WaitForJob()
            {
                long start = Stopwatch.GetTimestamp();
                while (true)
                {
                    int job = NewJob();
                    if (job != 0) return job;
                    if (Stopwatch.GetTimestamp() - start <= SpinTicks)
                    {
                        Thread.SpinWait(20);
                        continue;
                    }

                    Volatile.Write(ref _sleeping, 1);
                    Interlocked.MemoryBarrier();
                    if (NewJob() != 0 && Interlocked.Exchange(ref _sleeping, 0) == 1) continue; // came in meanwhile; not woken
                    _start.Wait(); // woken (or, if Wake already took the flag, its release is consumed here)
                    start = Stopwatch.GetTimestamp();
                }
            }
        }

        /// <summary>How long an idle worker keeps polling for a job before it blocks: 100 µs.</summary>
        private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;
    }
}
