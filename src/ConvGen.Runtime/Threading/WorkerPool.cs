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
    /// Allocates nothing once its workers exist. It runs one job at a time: a call that finds it busy (another thread's
    /// <c>Forward</c>) runs all its items on its own thread instead of waiting.
    /// </summary>
    internal static unsafe class WorkerPool
    {
        private static readonly object s_gate = new object();
        private static Worker[] s_workers = Array.Empty<Worker>();

        // The running job: written under s_gate before the workers are released, read by them after.
        private static delegate*<void*, int, void> s_body;
        private static void* s_state;
        private static int s_count;
        private static int s_next;
        private static int s_running;
        private static ExceptionDispatchInfo? s_error;

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
                s_running = helpers;
                for (int k = 0; k < helpers; k++) s_workers[k].Start(); // a release: the workers see the job
                Drain();
                var wait = new SpinWait();
                while (Volatile.Read(ref s_running) != 0) wait.SpinOnce(sleep1Threshold: -1);
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

            public Worker(int index) =>
                new Thread(Loop) { IsBackground = true, Name = $"ConvGen worker {index}" }.Start();

            public void Start() => _start.Release();

            private void Loop()
            {
                while (true)
                {
                    WaitForJob();
                    Drain();
                    Interlocked.Decrement(ref s_running);
                }
            }

            /// <summary>
            /// Polls for the next job for <see cref="SpinTicks"/> before it blocks: a layer with many groups starts a job
            /// per group, and a network calls layer after layer, tens of microseconds apart; waking a blocked thread
            /// takes about as long (more on a virtual machine), so a worker that slept between them would arrive when the
            /// job is nearly done.
            /// </summary>
            private void WaitForJob()
            {
                long start = Stopwatch.GetTimestamp();
                while (!_start.Wait(0))
                {
                    if (Stopwatch.GetTimestamp() - start > SpinTicks)
                    {
                        _start.Wait();
                        return;
                    }

                    Thread.SpinWait(20);
                }
            }
        }

        /// <summary>How long an idle worker keeps polling for a job before it blocks: 100 µs.</summary>
        private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;
    }
}
