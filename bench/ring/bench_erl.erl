%% ring: N Erlang processes in a ring pass a token M hops (bench/ring/ring.h
%% says what is printed). Run: erl -noshell +S W:W -run bench_erl main N [M]
-module(bench_erl).
-export([main/1]).

node_loop(Next, Visits) ->
    receive
        {next, P} -> node_loop(P, Visits);
        {0, From} -> From ! {done, Visits + 1}, node_loop(Next, Visits + 1);
        {count, From} -> From ! {visits, Visits}, node_loop(Next, Visits);
        {K, From} -> Next ! {K - 1, From}, node_loop(Next, Visits + 1);
        stop -> ok
    end.

rss() ->
    {ok, B} = file:read_file("/proc/self/statm"),
    [_, R | _] = string:lexemes(binary_to_list(B), " \n"),
    list_to_integer(R) * 4096.

main(Args) ->
    [N | Rest] = [list_to_integer(A) || A <- Args],
    M = case Rest of [X] -> X; [] -> 2000000 end,
    erlang:garbage_collect(),
    R0 = rss(),
    Pids = [spawn(fun() -> node_loop(none, 0) end) || _ <- lists:seq(1, N)],
    R1 = rss(),
    [First | _] = Pids,
    lists:foreach(fun({P, Q}) -> P ! {next, Q} end,
                  lists:zip(Pids, tl(Pids) ++ [First])),
    T0 = erlang:monotonic_time(nanosecond),
    First ! {M, self()},
    receive {done, _} -> ok end,
    T = (erlang:monotonic_time(nanosecond) - T0) / 1.0e9,
    Visits = lists:sum([begin P ! {count, self()},
                              receive {visits, V} -> V end end || P <- Pids]),
    case Visits =:= M + 1 of
        true -> ok;
        false -> io:format(standard_error, "bench: FAILED: ~p visits~n",
                           [Visits]),
                 halt(1)
    end,
    io:format("workers=~p~n", [erlang:system_info(schedulers_online)]),
    io:format("ns_per_op=~.1f~n", [T * 1.0e9 / M]),
    io:format("bytes_per_proc=~p~n", [(R1 - R0) div N]),
    io:format("time_s=~.6f~n", [T]),
    [P ! stop || P <- Pids],
    halt(0).
