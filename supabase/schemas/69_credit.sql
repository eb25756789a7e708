-- PayTrack schema: credit terms and limits as members read them (/terms, /limit). The state the
-- migrations build; changes go in a new migration.

create function public.customer_credit(p_actor bigint, p_customer_id bigint) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_customer public.customers;
  v_shop public.shops;
begin
  v := private.acting_member(p_actor);
  select * into v_customer from public.customers where id = p_customer_id and shop_id = v.shop_id;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  select * into v_shop from public.shops where id = v.shop_id;
  return jsonb_build_object(
    'customer', private.customer_json(v_customer),
    'credit_days', v_customer.credit_days,
    'credit_limit', v_customer.credit_limit,
    'shop_credit_days', v_shop.credit_days,
    'shop_credit_limit', v_shop.credit_limit,
    'credit_limit_mode', v_shop.credit_limit_mode,
    'dues', private.customer_dues(v_customer.id, private.shop_today(v.shop_id)),
    'shop', private.shop_json(v));
end;
$$;

comment on function public.customer_credit(p_actor bigint, p_customer_id bigint) is 'Any member: a customer''s own credit terms and limit (null: the shop''s), the shop''s terms, limit and limit mode, and what the customer owes by due date today (private.customer_dues).';
revoke execute on function public.customer_credit(bigint, bigint) from public, anon, authenticated;
grant execute on function public.customer_credit(bigint, bigint) to service_role;
