-- PayTrack: /summary in one round trip again — the card's Connect / Unlink button needs to know
-- whether the customer's Telegram is linked and the member's role; customer_summary now says both,
-- so the separate customer_link_state call (and its round trip) goes.
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

drop function public.customer_link_state(bigint, bigint);

create or replace function public.customer_summary(p_actor bigint, p_customer_id bigint, p_recent integer default 5) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_customer public.customers;
  v_totals jsonb;
  v_recent jsonb;
begin
  v := private.acting_member(p_actor);
  select * into v_customer from public.customers where id = p_customer_id and shop_id = v.shop_id;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  select jsonb_build_object(
           'purchases', coalesce(sum(t.amount) filter (where t.kind = 'purchase'), 0),
           'payments', coalesce(sum(t.amount) filter (where t.kind = 'payment'), 0),
           'count', count(*),
           'last_purchase_at', max(t.created_at) filter (where t.kind = 'purchase'),
           'last_payment_at', max(t.created_at) filter (where t.kind = 'payment'))
    into v_totals
    from public.transactions as t
   where t.customer_id = v_customer.id and t.voided_at is null;
  select coalesce(jsonb_agg(private.transaction_json(r) order by r.created_at desc, r.id desc), '[]')
    into v_recent
    from (select * from public.transactions as t
           where t.customer_id = v_customer.id
           order by t.created_at desc, t.id desc
           limit least(greatest(coalesce(p_recent, 5), 0), 50)) as r;
  return jsonb_build_object(
    'customer', private.customer_json(v_customer, true)
                || jsonb_build_object('other_phones', to_jsonb(v_customer.other_phones),
                                      'badges', to_jsonb(private.customer_badges(v_customer, private.top_balance(v.shop_id)))),
    'totals', v_totals,
    'recent', v_recent,
    'links', private.links_json(v_customer),
    'merged_into', (select jsonb_build_object('id', s.id, 'full_name', s.full_name)
                      from public.customers as s where s.id = v_customer.merged_into),
    'telegram_linked', exists (select 1 from public.customer_accounts as a
                                where a.customer_id = v_customer.id and a.ended_at is null),
    'member', private.member_json(v),
    'shop', private.shop_json(v));
end;
$$;

comment on function public.customer_summary(p_actor bigint, p_customer_id bigint, p_recent integer) is 'A customer''s details (with hidden nicknames, other phones and badges), totals of non-voided purchases and payments, the latest transactions, their linked accounts with the group total, whom a merged duplicate went into, whether the customer''s Telegram is linked (/connect) and the acting member (their role).';
revoke execute on function public.customer_summary(bigint, bigint, integer) from public, anon, authenticated;
grant execute on function public.customer_summary(bigint, bigint, integer) to service_role;
