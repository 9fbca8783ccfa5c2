%% spawn: create N idle Erlang processes, then destroy them (kill), waiting
%% until the process count is back (bench/spawn/parc.c says what is
%% printed). Run: erl -noshell +S W:W -run bench_erl main [N]
-module(bench_erl).
-export([main/0, main/1]).

idle() -> receive stop -> ok end.

rss() ->
    {ok, B} = file:read_file("/proc/self/statm"),
    [_, R | _] = string:lexemes(binary_to_list(B), " \n"),
    list_to_integer(R) * 4096.

wait_count(C) ->
    case erlang:system_info(process_count) > C of
        true -> erlang:yield(), wait_count(C);
        false -> ok
    end.

main() -> main([]).

main(Args) ->
    N = case Args of [A] -> list_to_integer(A); [] -> 1000000 end,
    erlang:system_flag(max_heap_size, 0),
    Base = erlang:system_info(process_count),
    erlang:garbage_collect(),
    R0 = rss(),
    T0 = erlang:monotonic_time(nanosecond),
    Pids = [spawn(fun idle/0) || _ <- lists:seq(1, N)],
    T1 = erlang:monotonic_time(nanosecond),
    R1 = rss(),
    T2 = erlang:monotonic_time(nanosecond),
    [exit(P, kill) || P <- Pids],
    wait_count(Base),
    T3 = erlang:monotonic_time(nanosecond),
    T = ((T1 - T0) + (T3 - T2)) / 1.0e9,
    io:format("workers=~p~n", [erlang:system_info(schedulers_online)]),
    io:format("ns_per_op=~.1f~n", [T * 1.0e9 / N]),
    io:format("bytes_per_proc=~p~n", [(R1 - R0) div N]),
    io:format("create_ns=~.1f~n", [(T1 - T0) / N]),
    io:format("destroy_ns=~.1f~n", [(T3 - T2) / N]),
    io:format("time_s=~.6f~n", [T]),
    halt(0).
