-- Issue 13, customers: /phone manages the customer's other phones too (public.edit_customer_phones):
-- add one (`/phone add 059…`), remove a specific one (`/phone remove 059…`) or make one the
-- main phone (`/phone main 059…`). Logged as phone_changed with the phones before and after
-- (history reads old_phone/new_phone as the phone added, removed or changed), undoable.

create function public.edit_customer_phones(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_op text, p_phone text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_before public.customers;
  v_phone text := nullif(private.clean_text(p_phone), '');
  v_digits text := private.digits_of(p_phone);
  v_match text;
  v_others text[];
  v_old text;
  v_new text;
  v_same_phone jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'edit_customer_phones', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  v_before := v_customer;
  if p_op not in ('add', 'remove', 'main') then
    perform private.fail('phone_invalid', 'The phone operation is add, remove or main.');
  end if;
  if v_phone is null or v_digits is null or char_length(v_digits) not between 3 and 20 or char_length(v_phone) > 40 then
    perform private.fail('phone_invalid', 'A phone number needs 3 to 20 digits.');
  end if;
  -- The customer's phone with the same digits, if any (main first).
  select p into v_match
    from unnest(array[v_customer.phone] || v_customer.other_phones) with ordinality as x(p, o)
   where p is not null and private.digits_of(p) = v_digits
   order by o limit 1;
  v_others := v_customer.other_phones;
  if p_op = 'add' then
    if v_match is not null then
      perform private.fail('phone_unchanged', 'That is already one of the customer''s phones.');
    end if;
    if v_customer.phone is null then
      update public.customers set phone = v_phone where id = v_customer.id returning * into v_customer;
    else
      update public.customers set other_phones = v_others || v_phone where id = v_customer.id returning * into v_customer;
    end if;
    v_old := null;
    v_new := v_phone;
    select jsonb_build_object('id', c.id, 'full_name', c.full_name) into v_same_phone
      from public.customers as c
     where c.shop_id = v.shop_id and c.archived_at is null and c.id <> v_customer.id
       and (c.phone_digits = v_digits or (c.search_phones || ' ') like '% ' || v_digits || ' %')
     order by c.id limit 1;
  elsif p_op = 'remove' then
    if v_match is null then
      perform private.fail('phone_not_theirs', 'That phone is not one of the customer''s phones.');
    end if;
    if v_match is not distinct from v_customer.phone then
      -- The main phone goes: the first other phone (if any) becomes the main one.
      update public.customers set phone = v_others[1], other_phones = v_others[2:]
       where id = v_customer.id returning * into v_customer;
    else
      update public.customers set other_phones = array_remove(v_others, v_match)
       where id = v_customer.id returning * into v_customer;
    end if;
    v_old := v_match;
    v_new := null;
  else
    if v_match is null then
      perform private.fail('phone_not_theirs', 'That phone is not one of the customer''s phones.');
    end if;
    if v_match is not distinct from v_customer.phone then
      perform private.fail('phone_unchanged', 'That is already the customer''s main phone.');
    end if;
    update public.customers
       set phone = v_match,
           other_phones = array_remove(v_others, v_match) || case when v_customer.phone is null then '{}'::text[] else array[v_customer.phone] end
     where id = v_customer.id returning * into v_customer;
    v_old := v_before.phone;
    v_new := v_match;
  end if;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'phone_changed', p_actor, v_customer.id,
            jsonb_build_object('op', p_op, 'old_phone', v_old, 'new_phone', v_new,
              'before', jsonb_build_object('phone', v_before.phone, 'other_phones', to_jsonb(v_before.other_phones)),
              'after', jsonb_build_object('phone', v_customer.phone, 'other_phones', to_jsonb(v_customer.other_phones))),
            p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer) || jsonb_build_object('other_phones', to_jsonb(v_customer.other_phones)),
    'op', p_op, 'phone', coalesce(v_match, v_phone), 'old_main', v_before.phone,
    'same_phone', v_same_phone, 'shop', private.shop_json(v)));
end;
$$;

comment on function public.edit_customer_phones(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_op text, p_phone text) is 'The customer''s phones beyond the main one: p_op add (the main phone when there is none; phone_unchanged when already theirs), remove (a phone matched by its digits, the main one too, the first other phone then becoming main) or main (makes one of their other phones the main one, the old main kept as another); phone_not_theirs when the phone is not theirs. Logged as phone_changed with the phones before and after; undo puts them back.';
revoke execute on function public.edit_customer_phones(bigint, bigint, bigint, text, text) from public, anon, authenticated;
grant execute on function public.edit_customer_phones(bigint, bigint, bigint, text, text) to service_role;

create or replace function private.undo_blocker_phone_changed(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since' from public.customers as c
   where c.id = a.customer_id
     and case when a.action_info ? 'after'
              then c.phone is distinct from a.action_info->'after'->>'phone'
                   or to_jsonb(c.other_phones) is distinct from a.action_info->'after'->'other_phones'
              else c.phone is distinct from a.action_info->>'new_phone' end
$$;

comment on function private.undo_blocker_phone_changed(a public.actions) is 'changed_since when the customer''s phones were changed again since (the main phone, and the other phones for a /phone add, remove or main), else null.';
revoke execute on function private.undo_blocker_phone_changed(public.actions) from public, anon, authenticated;

create or replace function private.undo_phone_changed(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers
     set phone = case when a.action_info ? 'before' then a.action_info->'before'->>'phone'
                      else a.action_info->>'old_phone' end,
         other_phones = case when a.action_info ? 'before'
                             then array(select jsonb_array_elements_text(a.action_info->'before'->'other_phones'))
                             else other_phones end
   where id = a.customer_id returning *
$$;

comment on function private.undo_phone_changed(a public.actions) is 'Undoes /phone: puts the old phone back (or none), and the other phones as they were for a /phone add, remove or main.';
revoke execute on function private.undo_phone_changed(public.actions) from public, anon, authenticated;
